import { randomInt } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { loadConfig } from "../../config/config.ts";
import { webhookDeliveries, webhookSubscriptions, whatsappWebhookEvents } from "../../db/schema.ts";
import { createApiKey } from "../accounts/index.ts";
import { metaMayMove, statusFromMeta } from "./meta.ts";
import { DEFAULT_PROHIBITED_CATEGORIES } from "./prohibited-content.ts";
import { TEMPLATE_SYNC_QUEUE } from "./queues.ts";
import { templateSettings } from "./settings.ts";

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${++counter}`;
const freshPhone = () => `+54911${randomInt(10_000_000, 99_999_999)}`;

/** A clean UTILITY template (no policy finding). */
function utility(name: string, text = "Hi {{1}}, your order {{2}} has shipped and arrives tomorrow.") {
  return {
    name,
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text, example: { body_text: [["Ana", "A-1"]] } }],
  };
}

describe("Meta status mapping", () => {
  it("maps Meta statuses and events to Charla's", () => {
    expect(statusFromMeta("APPROVED")).toBe("approved");
    expect(statusFromMeta("REINSTATED")).toBe("approved");
    expect(statusFromMeta("PENDING")).toBe("pending");
    expect(statusFromMeta("IN_APPEAL")).toBe("pending");
    expect(statusFromMeta("REJECTED")).toBe("rejected");
    expect(statusFromMeta("PAUSED")).toBe("paused");
    expect(statusFromMeta("DISABLED")).toBe("disabled");
    expect(statusFromMeta("PENDING_DELETION")).toBe("disabled");
    expect(statusFromMeta("FLAGGED")).toBeNull();
  });

  it("never moves a template backwards", () => {
    expect(metaMayMove("approved", "pending")).toBe(false);
    expect(metaMayMove("approved", "rejected")).toBe(false);
    expect(metaMayMove("paused", "rejected")).toBe(false);
    expect(metaMayMove("disabled", "approved")).toBe(false);
    expect(metaMayMove("in_review", "approved")).toBe(false);
    expect(metaMayMove("pending", "approved")).toBe(true);
    expect(metaMayMove("approved", "paused")).toBe(true);
    expect(metaMayMove("paused", "approved")).toBe(true);
    expect(metaMayMove("rejected", "pending")).toBe(true);
  });
});

function categoriesFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "charla-policy-")), "categories.json");
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("template settings", () => {
  it("has safe defaults", () => {
    const settings = templateSettings(loadConfig({}));
    expect(settings).toMatchObject({ autoApproveClean: false, syncCron: "*/15 * * * *" });
    expect(settings.policy.prohibited).toBe(DEFAULT_PROHIBITED_CATEGORIES);
    expect(templateSettings(loadConfig({ TEMPLATE_SYNC_CRON: "off" })).syncCron).toBeNull();
  });

  it("merges a prohibited-categories file into the defaults and refuses a bad one", () => {
    const path = categoriesFile([
      { id: "crypto", label: "Crypto assets", keywords: { en: ["bitcoin"] } },
      { id: "weapons", label: "Weapons", keywords: {} },
    ]);
    const prohibited =
      templateSettings(loadConfig({ TEMPLATE_PROHIBITED_CATEGORIES: path })).policy.prohibited ?? [];
    expect(prohibited.find((c) => c.id === "crypto")).toBeTruthy();
    expect(prohibited.find((c) => c.id === "weapons")?.keywords).toEqual({});
    expect(prohibited.length).toBe(DEFAULT_PROHIBITED_CATEGORIES.length + 1);
    expect(() =>
      templateSettings(loadConfig({ TEMPLATE_PROHIBITED_CATEGORIES: categoriesFile([{ id: 1 }]) })),
    ).toThrow(/TEMPLATE_PROHIBITED_CATEGORIES/);
    expect(() => loadConfig({ TEMPLATE_AUTO_APPROVE_CLEAN: "maybe" })).toThrow(
      /TEMPLATE_AUTO_APPROVE_CLEAN="maybe"/,
    );
  });
});

describeEachDatabase("templates", (kind) => {
  let h: Harness;
  let adminKey: string;
  let other: { apiKey: string; tenant: { id: string } };

  beforeAll(async () => {
    // Polling runs when the tests ask (POST /v1/templates/sync or a job), not on the clock.
    h = await startHarness(kind, { TEMPLATE_SYNC_CRON: "off" }, { templateReview: { delayMs: 50 } });
    // A platform admin belongs to some tenant but reviews every tenant's templates.
    const staff = await makeTenant(h);
    adminKey = (
      await createApiKey(
        h.charla.services.database.db,
        { tenantId: staff.tenant.id, name: "reviewer", role: "platform_admin" },
        { kind: "system" },
      )
    ).key;
    other = await makeTenant(h);
    // Connecting the account queued a sync that imports Meta's templates: let it finish, so no
    // sync overtakes the webhooks the tests below wait for.
    await eventually(async () => {
      const list = await h.api("GET", "/v1/templates?name=order_update");
      return list.body.data.some((t: { status: string }) => t.status === "approved") || undefined;
    });
    await h.charla.services.database.db.insert(webhookSubscriptions).values({
      tenantId: h.tenant.id,
      url: "http://127.0.0.1:9/hooks",
      eventTypes: ["template.*"],
      secretSealed: h.charla.services.secrets.seal("s3cret-s3cret"),
    });
  });
  afterAll(() => h?.close());

  const create = (body: unknown, key?: string) => h.api("POST", "/v1/templates", body, key);
  const get = (id: string) => h.api("GET", `/v1/templates/${id}`).then((res) => res.body);
  const approve = (id: string, key = adminKey) =>
    h.api("POST", `/v1/admin/templates/${id}/approve`, { note: "looks fine" }, key);
  const statusOf = (id: string, status: string) =>
    eventually(
      async () => {
        const template = await get(id);
        return template.status === status ? template : undefined;
      },
      { what: `template ${id} ${status}` },
    );
  const emulatorStatus = async (metaId: string, status: string, reason?: string) => {
    const res = await fetch(`${h.sandbox.emulator.url}/_emulator/templates/${metaId}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status, reason }),
    });
    expect(res.status).toBe(200);
  };
  /** Every webhook the emulator sent is delivered and ingested. */
  const webhooksSettled = () =>
    eventually(
      async () => {
        const res = await fetch(`${h.sandbox.emulator.url}/_emulator/webhooks?status=pending`);
        const pending = ((await res.json()) as { data: unknown[] }).data;
        if (pending.length) return undefined;
        const unprocessed = await h.charla.services.database.db
          .select({ id: whatsappWebhookEvents.id })
          .from(whatsappWebhookEvents)
          .where(isNull(whatsappWebhookEvents.processedAt));
        return unprocessed.length === 0 || undefined;
      },
      { what: "webhooks ingested" },
    );
  const approvedTemplate = async (name: string) => {
    const created = await create(utility(name));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pending = await approve(created.body.id);
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    return statusOf(created.body.id, "approved");
  };
  const audit = async (action: string) =>
    (await h.api("GET", `/v1/audit-log?action=${action}&limit=500`)).body.data as {
      targetId: string;
      actor: string;
      data: Record<string, unknown>;
    }[];

  it("creates a valid template in review, visible to platform admins in the review queue", async () => {
    const name = uniqueName("shipping");
    const res = await create(utility(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name,
      language: "en_US",
      category: "UTILITY",
      status: "in_review",
      source: "charla",
      policyFindings: [],
      metaTemplateId: null,
    });
    expect(res.body.reviewRequestedAt).toBeTruthy();

    const detail = await get(res.body.id);
    expect(detail.history).toMatchObject([{ fromStatus: null, toStatus: "in_review", source: "author" }]);

    const queue = await h.api("GET", "/v1/admin/template-reviews?limit=200", undefined, adminKey);
    expect(queue.status).toBe(200);
    const item = queue.body.data.find((t: { id: string }) => t.id === res.body.id);
    expect(item).toMatchObject({ status: "in_review", tenant: { id: h.tenant.id } });

    const listed = await h.api(
      "GET",
      `/v1/templates?status=in_review&name=${name}&language=en_US&category=UTILITY`,
    );
    expect(listed.body.data.map((t: { id: string }) => t.id)).toEqual([res.body.id]);
    const created = await audit("template.created");
    expect(created.find((entry) => entry.targetId === res.body.id)?.data).toMatchObject({ to: "in_review" });
  });

  it("keeps one row per name and language: another language is fine, a duplicate is 409", async () => {
    const name = uniqueName("multi");
    expect((await create(utility(name))).status).toBe(201);
    const spanish = await create({
      ...utility(name, "Hola {{1}}, tu pedido {{2}} fue enviado y llega mañana."),
      language: "es_AR",
    });
    expect(spanish.status, JSON.stringify(spanish.body)).toBe(201);
    const again = await create(utility(name));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("template_exists");
  });

  it("answers per-field errors for an invalid definition", async () => {
    const res = await create({
      name: "Bad Name",
      language: "xx_YY",
      category: "UTILITY",
      components: [{ type: "FOOTER", text: "footer" }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("template_invalid");
    const codes = res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "name:invalid_name",
        "language:unsupported_language",
        "components:missing_body",
      ]),
    );
    for (const error of res.body.errors) expect(error.message).toBeTruthy();

    const badType = await create({ ...utility(uniqueName("x")), components: "nope" });
    expect(badType.status).toBe(400);
    expect(badType.body.code).toBe("validation_failed");
    expect(badType.body.errors[0].path).toBe("body.components");
  });

  it("rejects prohibited content at once with its findings; a platform admin may override", async () => {
    const res = await create(
      utility(
        uniqueName("armory"),
        "Hi {{1}}, the firearms you reserved with order {{2}} are ready to pick up.",
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("policy_rejected");
    expect(res.body.statusReason).toContain("Platform policy");
    expect(res.body.policyFindings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: "prohibited_content", severity: "block", category: "weapons" }),
      ]),
    );
    const detail = await get(res.body.id);
    expect(detail.history).toMatchObject([
      { fromStatus: null, toStatus: "policy_rejected", source: "policy" },
    ]);
    const queue = await h.api("GET", "/v1/admin/template-reviews?limit=200", undefined, adminKey);
    expect(queue.body.data.some((t: { id: string }) => t.id === res.body.id)).toBe(false);

    const overridden = await approve(res.body.id);
    expect(overridden.status).toBe(200);
    expect(overridden.body.status).toBe("pending");
    const approvals = await audit("template.approved");
    expect(approvals.find((entry) => entry.targetId === res.body.id)?.data).toMatchObject({
      overridesPolicy: true,
      from: "policy_rejected",
      to: "pending",
    });
  });

  it("only platform admins review", async () => {
    const res = await create(utility(uniqueName("gate")));
    const developer = (
      await createApiKey(
        h.charla.services.database.db,
        { tenantId: h.tenant.id, name: "dev", role: "developer" },
        { kind: "system" },
      )
    ).key;
    for (const key of [h.apiKey, developer]) {
      expect((await approve(res.body.id, key)).status).toBe(403);
      const reject = await h.api("POST", `/v1/admin/templates/${res.body.id}/reject`, { reason: "no" }, key);
      expect(reject.status).toBe(403);
      expect(reject.body.code).toBe("forbidden_role");
      expect((await h.api("GET", "/v1/admin/template-reviews", undefined, key)).status).toBe(403);
    }
    expect((await get(res.body.id)).status).toBe("in_review");
  });

  it("platform admin rejection: policy_rejected with the reason, audited, editable and back in review", async () => {
    const res = await create(utility(uniqueName("rejectme")));
    const rejected = await h.api(
      "POST",
      `/v1/admin/templates/${res.body.id}/reject`,
      { reason: "Looks like marketing; use the MARKETING category" },
      adminKey,
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: "policy_rejected",
      statusReason: "Looks like marketing; use the MARKETING category",
    });
    expect(rejected.body.reviewedBy).toMatch(/^api_key:/);
    const again = await h.api("POST", `/v1/admin/templates/${res.body.id}/reject`, { reason: "x" }, adminKey);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("template_not_reviewable");
    const entry = (await audit("template.rejected")).find((e) => e.targetId === res.body.id);
    expect(entry?.data).toMatchObject({ from: "in_review", to: "policy_rejected", source: "admin" });

    const edited = await h.api("PATCH", `/v1/templates/${res.body.id}`, {
      components: [
        {
          type: "BODY",
          text: "Hi {{1}}, order {{2}} is packed and leaves today.",
          example: { body_text: [["A", "B"]] },
        },
      ],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.status).toBe("in_review");
    const renamed = await h.api("PATCH", `/v1/templates/${res.body.id}`, { name: "other_name" });
    expect(renamed.status).toBe(422);
    expect(renamed.body.code).toBe("template_identity_immutable");
    const invalid = await h.api("PATCH", `/v1/templates/${res.body.id}`, { components: [] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0].code).toBe("missing_body");
    const history = (await get(res.body.id)).history.map((row: { toStatus: string }) => row.toStatus);
    expect(history).toEqual(["in_review", "policy_rejected", "in_review"]);
  });

  it("approval submits to Meta (pending); Meta's webhook approves it; then it sends", async () => {
    const name = uniqueName("approved");
    const created = await create(utility(name));
    const pending = await approve(created.body.id);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ status: "pending", metaStatus: "PENDING" });
    expect(pending.body.metaTemplateId).toMatch(/^\d+$/);
    expect(h.sandbox.emulator.state.templates.get(pending.body.metaTemplateId)).toMatchObject({ name });

    const approved = await statusOf(created.body.id, "approved");
    expect(approved.metaStatus).toBe("APPROVED");
    expect(approved.history).toMatchObject([
      { toStatus: "in_review", source: "author" },
      { fromStatus: "in_review", toStatus: "pending", source: "admin", reason: "looks fine" },
      { fromStatus: "pending", toStatus: "approved", source: "meta_webhook", actor: "meta" },
    ]);
    expect(approved.history[1].actor).toMatch(/^api_key:/);
    const changes = await audit("template.status_changed");
    expect(changes.find((entry) => entry.targetId === created.body.id)?.data).toMatchObject({
      from: "pending",
      to: "approved",
      source: "meta_webhook",
    });
    const approval = (await audit("template.approved")).find((entry) => entry.targetId === created.body.id);
    expect(approval?.actor).toMatch(/^api_key:/);

    // Customers subscribed to template.* get the change.
    const delivery = await eventually(async () => {
      const rows = await h.charla.services.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.eventType, "template.status_updated"));
      return rows.find(
        (row) =>
          (row.payload as { data: { id: string; status: string } }).data.id === created.body.id &&
          (row.payload as { data: { status: string } }).data.status === "approved",
      );
    });
    expect((delivery.payload as { data: Record<string, unknown> }).data).toMatchObject({
      name,
      previousStatus: "pending",
      metaStatus: "APPROVED",
    });

    const to = freshPhone();
    await h.api("POST", "/v1/contacts", { phone: to, optIn: { source: "checkout" } });
    const sent = await h.api("POST", "/v1/messages", {
      to,
      type: "template",
      template: { name, language: "en_US", parameters: { body: ["Ana", "A-9"] } },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const delivered = await eventually(async () => {
      const message = (await h.api("GET", `/v1/messages/${sent.body.id}`)).body;
      return message.wamid && ["sent", "delivered", "read"].includes(message.status) ? message : undefined;
    });
    expect(h.sandbox.emulator.state.messages.get(delivered.wamid)?.body.template).toMatchObject({ name });
  });

  it("Meta's banned words reject it with the reason; fixed, it is edited at Meta (keeping its name) and approved", async () => {
    const created = await create(
      utility(uniqueName("zone"), "Hi {{1}}, the forbidden zone near order {{2}} closes at noon."),
    );
    expect(created.body.status).toBe("in_review");
    const firstMetaId = (await approve(created.body.id)).body.metaTemplateId;
    const rejected = await statusOf(created.body.id, "rejected");
    expect(rejected).toMatchObject({ statusReason: "ABUSIVE_CONTENT", metaStatus: "REJECTED" });

    const sending = await h.api("PATCH", `/v1/templates/${created.body.id}`, {
      components: [
        {
          type: "BODY",
          text: "Hi {{1}}, the pickup zone near order {{2}} closes at noon.",
          example: { body_text: [["A", "B"]] },
        },
      ],
    });
    expect(sending.body.status).toBe("in_review");
    const resubmitted = await approve(created.body.id);
    expect(resubmitted.body.status).toBe("pending");
    // Edited in place, not deleted and created again (Meta would hold the name for 30 days).
    expect(resubmitted.body.metaTemplateId).toBe(firstMetaId);
    const atMeta = h.sandbox.emulator.state.templates.get(firstMetaId);
    expect(JSON.stringify(atMeta?.components)).toContain("pickup zone");
    await statusOf(created.body.id, "approved");
  });

  it("follows Meta pausing, reinstating and disabling, and never un-approves on a late PENDING", async () => {
    const template = await approvedTemplate(uniqueName("quality"));
    const metaId = template.metaTemplateId;

    await emulatorStatus(metaId, "PENDING");
    await webhooksSettled();
    expect(await get(template.id)).toMatchObject({ status: "approved", metaStatus: "APPROVED" });

    await emulatorStatus(metaId, "PAUSED", "LOW_QUALITY");
    const paused = await statusOf(template.id, "paused");
    expect(paused).toMatchObject({ statusReason: "LOW_QUALITY", metaStatus: "PAUSED" });
    const to = freshPhone();
    await h.api("POST", "/v1/contacts", { phone: to, optIn: { source: "form" } });
    const refused = await h.api("POST", "/v1/messages", {
      to,
      type: "template",
      template: { name: template.name, language: "en_US", parameters: { body: ["A", "B"] } },
    });
    expect(refused.body).toMatchObject({ code: "template_not_approved", templateStatus: "paused" });

    await emulatorStatus(metaId, "APPROVED");
    expect((await statusOf(template.id, "approved")).statusReason).toBeNull();
    await emulatorStatus(metaId, "DISABLED", "POLICY");
    const disabled = await statusOf(template.id, "disabled");
    expect(disabled.history.map((row: { toStatus: string }) => row.toStatus)).toEqual([
      "in_review",
      "pending",
      "approved",
      "paused",
      "approved",
      "disabled",
    ]);
    await emulatorStatus(metaId, "APPROVED");
    await webhooksSettled();
    expect((await get(template.id)).status).toBe("disabled");
  });

  it("follows Meta's quality score of a template and audits each change", async () => {
    const template = await approvedTemplate(uniqueName("score"));
    const moveScore = (score: string) =>
      fetch(`${h.sandbox.emulator.url}/_emulator/templates/${template.metaTemplateId}/quality`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ score }),
      });
    expect((await moveScore("YELLOW")).status).toBe(200);
    await eventually(async () => ((await get(template.id)).qualityScore === "YELLOW" ? true : undefined));
    expect((await moveScore("RED")).status).toBe(200);
    const red = await eventually(async () => {
      const row = await get(template.id);
      return row.qualityScore === "RED" ? row : undefined;
    });
    expect(red.status).toBe("approved");
    const changes = (await audit("template.quality_changed")).filter((e) => e.targetId === template.id);
    expect(changes.map((e) => e.data.qualityScore)).toEqual(
      expect.arrayContaining([
        { from: template.qualityScore ?? null, to: "YELLOW" },
        { from: "YELLOW", to: "RED" },
      ]),
    );
    expect(changes.every((e) => e.data.source === "meta_webhook")).toBe(true);
    expect((await moveScore("PURPLE")).status).toBe(400);
  });

  it("reads why Meta paused it from the 2026 fields (other_info: FIRST_PAUSE), then the unpause", async () => {
    const template = await approvedTemplate(uniqueName("redpause"));
    h.sandbox.emulator.setConfig({ templatePausing: { afterRedMs: 0, firstPauseMs: 4_000 } });
    try {
      const red = await fetch(
        `${h.sandbox.emulator.url}/_emulator/templates/${template.metaTemplateId}/quality`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ score: "RED" }),
        },
      );
      expect(red.status).toBe(200);
      const paused = await statusOf(template.id, "paused");
      expect(paused).toMatchObject({ statusReason: "FIRST_PAUSE", metaStatus: "PAUSED" });
      const change = (await audit("template.status_changed")).find(
        (e) => e.targetId === template.id && e.data.metaStatus === "PAUSED",
      );
      expect(change?.data.otherInfo).toMatchObject({ title: "FIRST_PAUSE" });
      expect((await statusOf(template.id, "approved")).statusReason).toBeNull();
    } finally {
      h.sandbox.emulator.setConfig({ templatePausing: { afterRedMs: 3_600_000, firstPauseMs: 10_800_000 } });
    }
  });

  it("sync reconciles missed changes, imports Meta-only templates and disables ones Meta deleted", async () => {
    const paused = await approvedTemplate(uniqueName("missed"));
    const gone = await approvedTemplate(uniqueName("gone"));
    // Changes Meta made without a webhook reaching Charla.
    const state = h.sandbox.emulator.state.templates;
    state.get(paused.metaTemplateId)!.status = "PAUSED";
    state.delete(gone.metaTemplateId);

    const res = await h.api("POST", "/v1/templates/sync", {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[0]).toMatchObject({ accountId: paused.accountId });
    expect(res.body.data[0].seen).toBeGreaterThanOrEqual(3);
    expect((await get(paused.id)).status).toBe("paused");
    expect(await get(gone.id)).toMatchObject({ status: "disabled", statusReason: "Deleted at Meta" });

    const seeded = await h.api("GET", "/v1/templates?name=spring_sale");
    expect(seeded.body.data).toMatchObject([
      { name: "spring_sale", language: "es", status: "approved", source: "meta", category: "MARKETING" },
    ]);
    const imported = await audit("template.imported");
    expect(imported.some((entry) => entry.targetId === seeded.body.data[0].id)).toBe(true);
    // A second sync changes nothing.
    expect((await h.api("POST", "/v1/templates/sync", {})).body.data[0]).toMatchObject({
      imported: 0,
      updated: 0,
      missingAtMeta: 0,
    });

    // The scheduled job does the same.
    state.get(paused.metaTemplateId)!.status = "APPROVED";
    await h.charla.services.boss.send(TEMPLATE_SYNC_QUEUE.name, {});
    await statusOf(paused.id, "approved");
  });

  it("previews with parameters; missing or extra parameters are 422", async () => {
    const created = await create(utility(uniqueName("preview")));
    const ok = await h.api("POST", `/v1/templates/${created.body.id}/preview`, {
      parameters: { body: ["Ana", "A-77"] },
      to: "+5491122334455",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.preview).toContain("Hi Ana, your order A-77 has shipped");
    expect(ok.body.sendable).toBe(false);
    expect(ok.body.message).toMatchObject({
      messaging_product: "whatsapp",
      type: "template",
      template: {
        name: created.body.name,
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "A-77" },
            ],
          },
        ],
      },
    });
    const missing = await h.api("POST", `/v1/templates/${created.body.id}/preview`, {
      parameters: { body: ["Ana"] },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe("template_parameters_invalid");
    expect(missing.body.errors[0]).toMatchObject({ code: "missing_parameter" });
    const extra = await h.api("POST", `/v1/templates/${created.body.id}/preview`, {
      parameters: { body: ["Ana", "A-1", "surplus"] },
    });
    expect(extra.status).toBe(422);
    expect(extra.body.errors.map((e: { code: string }) => e.code)).toContain("unexpected_parameter");
  });

  it("keeps tenants apart", async () => {
    const mine = await create(utility(uniqueName("mine")));
    const id = mine.body.id;
    const theirs = (method: string, path: string, body?: unknown) => h.api(method, path, body, other.apiKey);
    for (const res of [
      await theirs("GET", `/v1/templates/${id}`),
      await theirs("PATCH", `/v1/templates/${id}`, { components: [] }),
      await theirs("DELETE", `/v1/templates/${id}`),
      await theirs("POST", `/v1/templates/${id}/preview`, { parameters: {} }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("template_not_found");
    }
    const list = await theirs("GET", "/v1/templates?limit=200");
    expect(list.body.data).toEqual([]);
    // The other tenant has no WhatsApp account: it cannot write templates yet.
    const none = await theirs("POST", "/v1/templates", utility(uniqueName("none")));
    expect(none.status).toBe(422);
    expect(none.body.code).toBe("no_whatsapp_account");
    const foreign = await create({ ...utility(uniqueName("foreign")), wabaId: "100000000000002" });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("whatsapp_account_not_found");
  });

  it("deletes a submitted template at Meta too", async () => {
    const template = await approvedTemplate(uniqueName("delete"));
    const res = await h.api("DELETE", `/v1/templates/${template.id}`);
    expect(res.status).toBe(204);
    expect(h.sandbox.emulator.state.templates.has(template.metaTemplateId)).toBe(false);
    expect((await h.api("GET", `/v1/templates/${template.id}`)).status).toBe(404);
    const entry = (await audit("template.deleted")).find((e) => e.targetId === template.id);
    expect(entry?.data).toMatchObject({ deletedAtMeta: true });
  });

  it("paginates with a cursor", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await h.api("GET", `/v1/templates?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      for (const t of res.body.data) {
        expect(seen.has(t.id)).toBe(false);
        seen.add(t.id);
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await h.api("GET", "/v1/templates?limit=200");
    expect(seen.size).toBe(all.body.data.length);
    expect((await h.api("GET", "/v1/templates?cursor=bad")).body.code).toBe("invalid_cursor");
  });

  it("submits clean templates at once when auto-approval is on", async () => {
    h.charla.services.config.TEMPLATE_AUTO_APPROVE_CLEAN = true;
    try {
      const clean = await create(utility(uniqueName("auto")));
      expect(clean.body).toMatchObject({ status: "pending", reviewedBy: "system" });
      // A warning is not clean: it waits for a human.
      const warned = await create({
        name: uniqueName("promo"),
        language: "en_US",
        category: "MARKETING",
        components: [
          {
            type: "BODY",
            text: "Hi {{1}}, new arrivals are in store {{2}} this week.",
            example: { body_text: [["A", "B"]] },
          },
        ],
      });
      expect(warned.body.status).toBe("in_review");
    } finally {
      h.charla.services.config.TEMPLATE_AUTO_APPROVE_CLEAN = false;
    }
  });

  it("applies the platform's own prohibited categories", async () => {
    h.charla.services.config.TEMPLATE_PROHIBITED_CATEGORIES = categoriesFile([
      { id: "crypto", label: "Crypto assets", keywords: { en: ["bitcoin"] } },
    ]);
    try {
      const res = await create(
        utility(uniqueName("coins"), "Hi {{1}}, your bitcoin transfer {{2}} went through just now."),
      );
      expect(res.body.status).toBe("policy_rejected");
      expect(res.body.policyFindings[0]).toMatchObject({ category: "crypto", match: "bitcoin" });
    } finally {
      h.charla.services.config.TEMPLATE_PROHIBITED_CATEGORIES = undefined;
    }
  });

  it("documents the routes in OpenAPI", async () => {
    const doc = (await h.api("GET", "/openapi.json", undefined, null)).body;
    for (const path of [
      "/v1/templates",
      "/v1/templates/{id}",
      "/v1/templates/{id}/preview",
      "/v1/templates/sync",
      "/v1/admin/template-reviews",
      "/v1/admin/templates/{id}/approve",
      "/v1/admin/templates/{id}/reject",
    ]) {
      expect(doc.paths[path], path).toBeTruthy();
    }
  });
});
