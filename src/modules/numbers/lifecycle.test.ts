import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { auditLog, webhookDeliveries, webhookSubscriptions } from "../../db/schema.ts";

describeEachDatabase("Number life cycle", (kind) => {
  let h: Harness;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(kind, {}, { displayNameReview: { delayMs: 2_000 } });
    for (const n of (await h.api("GET", "/v1/phone-numbers")).body.data) ids[n.phoneNumberId] = n.id;
    await h.charla.services.database.db.insert(webhookSubscriptions).values({
      tenantId: h.tenant.id,
      url: "http://127.0.0.1:9/hooks",
      eventTypes: ["phone_number.*"],
      secretSealed: h.charla.services.secrets.seal("s3cret-s3cret"),
    });
  });
  afterAll(() => h?.close());

  const step = (id: string, path: string, body: unknown = {}) =>
    h.api("POST", `/v1/phone-numbers/${id}/${path}`, body);

  it("verify, register with a PIN, change the PIN, deregister; Meta's refusals keep their code", async () => {
    const id = ids["110000000000003"]!;
    const before = (await h.api("GET", `/v1/phone-numbers/${id}/status`)).body;
    expect(before).toMatchObject({ status: "pending", meta: { code_verification_status: "NOT_VERIFIED" } });
    expect(before.meta.health_status.can_send_message).toBe("BLOCKED");
    const early = await step(id, "register", { pin: "123456" });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: "meta_refused", metaCode: 133006 });
    expect((await step(id, "register", { pin: "12" })).status).toBe(400);
    expect((await step(id, "request-code", { method: "SMS", language: "es" })).status).toBe(200);
    expect((await step(id, "verify", { code: "000000" })).body.metaCode).toBe(136025);
    expect((await step(id, "verify", { code: "123456" })).body.meta.code_verification_status).toBe(
      "VERIFIED",
    );
    const registered = await step(id, "register", { pin: "123456" });
    expect(registered.body).toMatchObject({ status: "connected", meta: { status: "CONNECTED" } });
    expect((await step(id, "two-step-pin", { pin: "654321" })).status).toBe(200);
    expect((await step(id, "deregister")).body.status).toBe("pending");
    expect((await step(id, "register", { pin: "123456" })).body.metaCode).toBe(133005);
    expect((await step(id, "register", { pin: "654321" })).body.status).toBe("connected");

    const other = await makeTenant(h);
    const foreign = await h.api("POST", `/v1/phone-numbers/${id}/deregister`, {}, other.apiKey);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("phone_number_not_found");
    const audits = await h.charla.services.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "phone_number.request_code",
        "phone_number.verify",
        "phone_number.register",
        "phone_number.two_step_pin",
        "phone_number.deregister",
      ]),
    );
  });

  it("adds a number to the account: pending, not verified, its display name under review", async () => {
    const [account] = (await h.api("GET", "/v1/whatsapp-accounts")).body.data;
    const add = (body: unknown) => h.api("POST", `/v1/whatsapp-accounts/${account.id}/phone-numbers`, body);
    expect(
      (await add({ countryCode: "54", phoneNumber: "91155550300", displayName: "Shoes" })).body.code,
    ).toBe("display_name_refused");
    const added = await add({
      countryCode: "54",
      phoneNumber: "91155550300",
      displayName: "Charla Demo Ventas",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      status: "pending",
      nameStatus: "PENDING_REVIEW",
      displayPhoneNumber: "+54 91155550300",
    });
    const again = await add({
      countryCode: "54",
      phoneNumber: "91155550300",
      displayName: "Charla Demo Ventas",
    });
    expect(again.body).toMatchObject({ code: "meta_refused", metaCode: 100 });
    const status = (await h.api("GET", `/v1/phone-numbers/${added.body.id}/status`)).body;
    expect(status.meta.code_verification_status).toBe("NOT_VERIFIED");
    const other = await makeTenant(h);
    expect(
      (
        await h.api(
          "POST",
          `/v1/whatsapp-accounts/${account.id}/phone-numbers`,
          { countryCode: "54", phoneNumber: "91155550301", displayName: "Charla Demo" },
          other.apiKey,
        )
      ).status,
    ).toBe(404);
  });

  it("display-name change: pre-checked, then WhatsApp's review; business profile edit", async () => {
    const id = ids["110000000000001"]!;
    const refused = await step(id, "display-name", { displayName: "WHATSAPP DEALS!!" });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("display_name_refused");
    const requested = await step(id, "display-name", { displayName: "Charla Demo Tienda" });
    expect(requested.body.meta).toMatchObject({
      new_display_name: "Charla Demo Tienda",
      new_name_status: "PENDING_REVIEW",
    });
    await eventually(async () => {
      const { meta } = (await h.api("GET", `/v1/phone-numbers/${id}/status`)).body;
      return meta.verified_name === "Charla Demo Tienda" && meta.name_status === "APPROVED";
    });

    const bad = await h.api("PATCH", `/v1/phone-numbers/${id}/business-profile`, { vertical: "WEAPONS" });
    expect(bad.status).toBe(400);
    expect((await h.api("PATCH", `/v1/phone-numbers/${id}/business-profile`, {})).status).toBe(400);
    const edited = await h.api("PATCH", `/v1/phone-numbers/${id}/business-profile`, {
      about: "Calzado artesanal",
      address: "Av. Corrientes 1234",
      description: "Zapatos hechos a mano",
      email: "hola@example.com",
      websites: ["https://example.com/tienda"],
      vertical: "RETAIL",
    });
    expect(edited.status).toBe(200);
    const profile = (await h.api("GET", `/v1/phone-numbers/${id}/business-profile`)).body;
    expect(profile).toMatchObject({
      about: "Calzado artesanal",
      vertical: "RETAIL",
      websites: ["https://example.com/tienda"],
    });
  });

  it("keeps quality and messaging-limit history, with events when quality drops and the tier changes", async () => {
    const id = ids["110000000000002"]!;
    const first = (await h.api("GET", `/v1/phone-numbers/${id}/history`)).body.data;
    expect(first).toEqual([
      expect.objectContaining({ qualityRating: "GREEN", messagingLimitTier: "TIER_1K" }),
    ]);
    await fetch(`${h.sandbox.emulator.url}/_emulator/quality`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phoneNumberId: "110000000000002", qualityRating: "YELLOW", event: "FLAGGED" }),
    });
    const [account] = (await h.api("GET", "/v1/whatsapp-accounts")).body.data;
    await h.api("POST", `/v1/whatsapp-accounts/${account.id}/refresh`);
    await fetch(`${h.sandbox.emulator.url}/_emulator/quality`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        phoneNumberId: "110000000000002",
        maxDailyConversationsPerBusiness: "TIER_10K",
      }),
    });
    await h.api("POST", `/v1/whatsapp-accounts/${account.id}/refresh`);
    const history = (await h.api("GET", `/v1/phone-numbers/${id}/history`)).body.data;
    expect(
      history.map((row: { qualityRating: string; messagingLimitTier: string }) => [
        row.qualityRating,
        row.messagingLimitTier,
      ]),
    ).toEqual([
      ["GREEN", "TIER_1K"],
      ["YELLOW", "TIER_1K"],
      ["YELLOW", "TIER_10K"],
    ]);
    const since = (
      await h.api("GET", `/v1/phone-numbers/${id}/history?since=${encodeURIComponent(history[2].at)}`)
    ).body.data;
    expect(since).toHaveLength(1);
    const deliveries = await h.charla.services.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.tenantId, h.tenant.id));
    const payload = (type: string) =>
      deliveries
        .filter((d) => d.eventType === type)
        .map((d) => (d.payload as { data: Record<string, unknown> }).data)
        .filter((data) => data.phoneNumberId === id);
    expect(payload("phone_number.quality_changed")).toEqual([
      expect.objectContaining({ from: "GREEN", to: "YELLOW", direction: "down" }),
    ]);
    expect(payload("phone_number.tier_changed")).toEqual([
      expect.objectContaining({ from: "TIER_1K", to: "TIER_10K", direction: "up" }),
    ]);
  });
});
