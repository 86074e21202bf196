import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { activationStages, auditLog, webhookDeliveries, webhookSubscriptions } from "../../db/schema.ts";
import { createApiKey } from "../accounts/index.ts";

const company = {
  legalName: "Luna Calzados S.A.",
  website: "https://lunacalzados.example",
  country: "AR",
  address: "Av. Corrientes 1234, Buenos Aires",
  contactPhone: "+5491155550000",
  contactEmail: "ops@lunacalzados.example",
};
const BM = "123456789012345";
const pdf = Buffer.from("%PDF-1.4 certificate").toString("base64");

describeEachDatabase("Account activation", (kind) => {
  let h: Harness;
  let adminKey: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    const staff = await makeTenant(h);
    adminKey = (
      await createApiKey(
        h.charla.services.database.db,
        { tenantId: staff.tenant.id, name: "ops", role: "platform_admin" },
        { kind: "system" },
      )
    ).key;
    await h.charla.services.database.db.insert(webhookSubscriptions).values({
      tenantId: h.tenant.id,
      url: "http://127.0.0.1:9/hooks",
      eventTypes: ["activation.*"],
      secretSealed: h.charla.services.secrets.seal("s3cret-s3cret"),
    });
  });
  afterAll(() => h?.close());

  const stageOf = (view: { stages: { stage: string }[] }, stage: string) =>
    view.stages.find((s) => s.stage === stage) as unknown as Record<string, unknown> & {
      status: string;
      owner: string;
    };
  const move = (id: string, stage: string, body: unknown, key = adminKey) =>
    h.api("POST", `/v1/admin/activations/${id}/stages/${stage}`, body, key);

  it("starts with company data and a checked Business Manager ID, once per tenant; others see none", async () => {
    const bad = await h.api("POST", "/v1/activation", { company, businessManagerId: "12-34" });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe("business_manager_id_invalid");
    const none = await h.api("GET", "/v1/activation");
    expect(none.status).toBe(404);
    expect(none.body.code).toBe("activation_not_started");

    const ok = await h.api("POST", "/v1/activation", { company, businessManagerId: BM });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      currentStage: "business_verification",
      verificationStatus: "not_verified",
    });
    expect(stageOf(ok.body, "company_data")).toMatchObject({ status: "done", owner: "tenant" });
    const verification = stageOf(ok.body, "business_verification");
    expect(verification).toMatchObject({ status: "action_required", owner: "tenant", slaBreached: false });
    expect(verification.nextAction).toMatchObject({
      key: "activation.next.business_verification.action_required",
    });
    expect(new Date(verification.dueAt as string).getTime()).toBeGreaterThan(Date.now() + 95 * 3_600_000);
    expect(stageOf(ok.body, "policy_review")).toMatchObject({ status: "pending", startedAt: null });

    const again = await h.api("POST", "/v1/activation", { company, businessManagerId: BM });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("activation_exists");

    const es = await h.api("GET", "/v1/activation?lang=es");
    expect((stageOf(es.body, "business_verification").nextAction as { text: string }).text).toMatch(
      /Verifique su empresa/,
    );
    const pt = await h.api("GET", "/v1/activation?lang=pt");
    expect((stageOf(pt.body, "business_verification").nextAction as { text: string }).text).toMatch(
      /Verifique sua empresa/,
    );
    const other = await makeTenant(h);
    expect((await h.api("GET", "/v1/activation", undefined, other.apiKey)).status).toBe(404);
  });

  it("verification: the checklist must be complete; Meta's rejection with reasons goes back to the tenant", async () => {
    const early = await h.api("POST", "/v1/activation/verification", { domainVerified: true });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: "verification_incomplete",
      missing: ["legalNameDocument", "addressDocument"],
    });
    const doc = (kind: string) =>
      h.api("POST", "/v1/activation/documents", {
        kind,
        filename: `${kind}.pdf`,
        mimeType: "application/pdf",
        contentBase64: pdf,
      });
    expect((await doc("legal_name")).status).toBe(201);
    expect(
      (
        await h.api("POST", "/v1/activation/documents", {
          kind: "selfie",
          filename: "a.pdf",
          mimeType: "application/pdf",
          contentBase64: pdf,
        })
      ).status,
    ).toBe(400);
    expect((await doc("utility_bill")).body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const noDomain = await h.api("POST", "/v1/activation/verification", { domainVerified: false });
    expect(noDomain.body.missing).toEqual(["domainVerified"]);

    const submitted = await h.api("POST", "/v1/activation/verification", { domainVerified: true });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: "in_review", owner: "meta" });
    const view = (await h.api("GET", "/v1/activation")).body;
    expect(view.verificationStatus).toBe("in_progress");
    expect(view.documents).toHaveLength(2);
    // Not while Meta reviews.
    expect((await doc("address")).body.code).toBe("activation_stage_not_open");

    // Only the platform records Meta's answer.
    expect((await move(view.id, "business_verification", { to: "rejected" }, h.apiKey)).status).toBe(403);
    const rejected = await move(view.id, "business_verification", {
      to: "rejected",
      reasons: ["The utility bill is older than 3 months"],
    });
    expect(rejected.body).toMatchObject({
      status: "rejected",
      owner: "tenant",
      reasons: ["The utility bill is older than 3 months"],
    });
    expect((await h.api("GET", "/v1/activation")).body.verificationStatus).toBe("rejected");
    expect((await doc("address")).status).toBe(201);
    expect((await h.api("POST", "/v1/activation/verification", { domainVerified: true })).body.status).toBe(
      "in_review",
    );

    const invalid = await move(view.id, "business_verification", { to: "pending" });
    expect(invalid.status).toBe(409);
    expect(invalid.body).toMatchObject({
      code: "activation_transition_invalid",
      from: "in_review",
      to: "pending",
    });
    expect((await move(view.id, "business_verification", { to: "done" })).body.status).toBe("done");
    const after = (await h.api("GET", "/v1/activation")).body;
    expect(after).toMatchObject({ verificationStatus: "verified", currentStage: "partner_request" });
    expect((await move(view.id, "business_verification", { to: "in_review" })).status).toBe(409);
  });

  it("partner request, policy review, a pre-checked display name, then activation; every step audited and emitted", async () => {
    const id = (await h.api("GET", "/v1/activation")).body.id as string;
    const early = await h.api("POST", "/v1/activation/display-name", { displayName: "Luna Calzados" });
    expect(early.body.code).toBe("activation_stage_not_open");
    expect((await h.api("POST", "/v1/activation/partner-request/approve")).body.status).toBe("done");
    expect((await h.api("POST", "/v1/activation/partner-request/approve")).status).toBe(409);
    let view = (await h.api("GET", "/v1/activation")).body;
    expect(stageOf(view, "policy_review")).toMatchObject({ status: "in_review", owner: "meta" });
    await move(id, "policy_review", { to: "done", note: "Commerce policy: approved" });

    const refused = await h.api("POST", "/v1/activation/display-name", { displayName: "WHATSAPP SHOES!!" });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("display_name_refused");
    expect(refused.body.findings.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(["special_characters", "all_caps", "meta_brand"]),
    );
    const submitted = await h.api("POST", "/v1/activation/display-name", { displayName: "Luna Calzados" });
    expect(submitted.body).toMatchObject({
      status: "in_review",
      owner: "meta",
      data: { displayName: "Luna Calzados" },
    });
    await move(id, "display_name_review", { to: "rejected", reasons: ["Name does not match the website"] });
    expect(
      (await h.api("POST", "/v1/activation/display-name", { displayName: "Calzados Luna" })).body.status,
    ).toBe("in_review");
    await move(id, "display_name_review", { to: "done" });
    view = (await h.api("GET", "/v1/activation")).body;
    expect(stageOf(view, "activation")).toMatchObject({ status: "in_review", owner: "platform" });
    expect(stageOf(view, "activation").nextAction).toMatchObject({
      key: "activation.next.activation.in_review",
    });
    const note = await h.api(
      "POST",
      `/v1/admin/activations/${id}/stages/activation/notes`,
      { text: "number registered" },
      adminKey,
    );
    expect(note.body.notes).toEqual([expect.objectContaining({ text: "number registered" })]);
    await move(id, "activation", { to: "done" });
    view = (await h.api("GET", "/v1/activation")).body;
    expect(view).toMatchObject({ status: "activated", displayName: "Calzados Luna" });
    expect(view.activatedAt).not.toBeNull();

    const feed = (await h.api("GET", "/v1/activation/feed")).body.data as {
      stage: string;
      toStatus: string;
      message: string;
    }[];
    expect(feed[0]).toMatchObject({ stage: "activation", toStatus: "done" });
    const { db } = h.charla.services.database;
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "activation.stage_updated"));
    expect(audits.filter((a) => a.tenantId === h.tenant.id)).toHaveLength(feed.length);
    const deliveries = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.tenantId, h.tenant.id));
    const types = deliveries.map((d) => d.eventType);
    expect(types.filter((t) => t === "activation.stage_updated")).toHaveLength(feed.length);
    expect(types).toContain("activation.completed");
  });

  it("board: every tenant by stage with SLA breaches and filters; averages per stage and in total", async () => {
    const second = await makeTenant(h);
    await h.api(
      "POST",
      "/v1/activation",
      {
        company: { ...company, legalName: "Sol SRL" },
        businessManagerId: "1234567890123456",
        businessVerified: true,
      },
      second.apiKey,
    );
    expect((await h.api("GET", "/v1/admin/activations", undefined, h.apiKey)).status).toBe(403);
    const board = (await h.api("GET", "/v1/admin/activations", undefined, adminKey)).body.data as Record<
      string,
      unknown
    >[];
    expect(board).toHaveLength(2);
    const sol = board.find((row) => row.company === "Sol SRL")!;
    expect(sol).toMatchObject({
      currentStage: "partner_request",
      currentStatus: "action_required",
      owner: "tenant",
      slaBreached: false,
    });
    const { db } = h.charla.services.database;
    await db
      .update(activationStages)
      .set({ dueAt: new Date(Date.now() - 5 * 3_600_000) })
      .where(
        and(
          eq(activationStages.requestId, sol.requestId as string),
          eq(activationStages.stage, "partner_request"),
        ),
      );
    const breached = (await h.api("GET", "/v1/admin/activations?breached=true", undefined, adminKey)).body
      .data;
    expect(breached).toHaveLength(1);
    expect(breached[0]).toMatchObject({
      requestId: sol.requestId,
      breaches: [expect.objectContaining({ stage: "partner_request", overdueHours: 5 })],
    });
    const activated = (await h.api("GET", "/v1/admin/activations?status=activated", undefined, adminKey)).body
      .data;
    expect(activated.map((row: { tenantId: string }) => row.tenantId)).toEqual([h.tenant.id]);
    const byStage = (await h.api("GET", "/v1/admin/activations?stage=partner_request", undefined, adminKey))
      .body.data;
    expect(byStage.map((row: { requestId: string }) => row.requestId)).toEqual([sol.requestId]);
    const tenantMustAct = (await h.api("GET", "/v1/admin/activations?owner=tenant", undefined, adminKey)).body
      .data;
    expect(tenantMustAct.map((row: { requestId: string }) => row.requestId)).toEqual([sol.requestId]);
    expect((await h.api("GET", "/v1/admin/activations?owner=meta", undefined, adminKey)).body.data).toEqual(
      [],
    );
    const tracker = (await h.api("GET", "/v1/activation", undefined, second.apiKey)).body;
    expect(stageOf(tracker, "partner_request").slaBreached).toBe(true);

    const stats = (await h.api("GET", "/v1/admin/activations/stats", undefined, adminKey)).body;
    expect(stats.total.activated).toBe(1);
    expect(stats.total.averageHours).toBeGreaterThanOrEqual(0);
    expect(stats.stages.find((s: { stage: string }) => s.stage === "business_verification")).toMatchObject({
      done: 2,
      slaHours: 96,
    });
    expect(stats.stages.find((s: { stage: string }) => s.stage === "activation").done).toBe(1);
  });

  it("pre-checks display names, explaining each finding", async () => {
    const check = (displayName: string, extra = {}) =>
      h.api("POST", "/v1/display-names/check", { displayName, ...extra }).then((r) => r.body);
    expect(await check("Luna Calzados", { legalName: "Luna Calzados S.A." })).toEqual({
      ok: true,
      findings: [],
    });
    const generic = await check("Shoes");
    expect(generic.ok).toBe(false);
    expect(generic.findings[0]).toMatchObject({ code: "generic", severity: "block" });
    expect(generic.findings[0].message).toMatch(/generic/);
    expect((await check("Buenos Aires")).findings.map((f: { code: string }) => f.code)).toContain(
      "location_only",
    );
    expect((await check("Luna 🌙")).findings.map((f: { code: string }) => f.code)).toContain("emoji");
    expect((await check("lunacalzados.com")).findings.map((f: { code: string }) => f.code)).toContain("url");
    expect((await check("Luna +54 911 5555 0000")).findings.map((f: { code: string }) => f.code)).toContain(
      "phone_number",
    );
    expect((await check("IBM")).ok).toBe(true);
    const unrelated = await check("Sol Naciente", {
      legalName: "Luna Calzados S.A.",
      website: "https://lunacalzados.example",
    });
    expect(unrelated).toMatchObject({
      ok: true,
      findings: [{ code: "no_business_relation", severity: "warn" }],
    });
  });
});
