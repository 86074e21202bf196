import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET } from "../config.ts";
import { type RunningEmulator, startEmulator } from "../server.ts";
import { startWebhookCollector, type WebhookCollector } from "../testing.ts";

const WABA = "100000000000001";
const PN = "110000000000001";
const PN_NEW = "110000000000003";

let emu: RunningEmulator;
let hook: WebhookCollector;

// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are asserted field by field
type Json = any;
async function graph(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/v25.0/${path}`, {
    method,
    headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}
const control = async (path: string, body: unknown = {}): Promise<Json> => {
  const res = await fetch(`${emu.url}/_emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return res.json();
};
/** The changes of every signed delivery for this webhook field, in arrival order. */
async function changes(field: string, count: number): Promise<Json[]> {
  const found = () =>
    hook.deliveries
      .filter((d) => d.signatureValid)
      .flatMap((d) => JSON.parse(d.raw.toString("utf8")).entry.flatMap((e: Json) => e.changes))
      .filter((c: Json) => c.field === field)
      .map((c: Json) => c.value);
  const end = Date.now() + 5_000;
  while (found().length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return found();
}

beforeAll(async () => {
  hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
  emu = await startEmulator({ webhookUrl: hook.url });
});
afterAll(async () => {
  await emu?.close();
  await hook?.close();
});
beforeEach(() => {
  emu.reset();
  hook.deliveries.length = 0;
  emu.setConfig({
    businessVerification: { outcome: "APPROVED", delayMs: 30 },
    accountReview: { outcome: "APPROVED", delayMs: 30 },
    displayNameReview: { outcome: "APPROVED", delayMs: 400 },
    registration: { maxPinGuesses: 10, pinGuessIntervalMs: 0, reregisterWaitMs: 0, maxRequests: 10 },
  });
});

describe("Meta's reviews as asynchronous processes", () => {
  it("business verification: pending, then Meta's decision with account_update and business_capability_update", async () => {
    const business = (
      await fetch(`${emu.url}/_emulator/businesses`).then((r) => r.json() as Promise<Json>)
    ).data.find((b: Json) => b.wabas.includes(WABA));
    emu.state.portfolios.get(business.id)!.verificationStatus = "not_verified";
    const before = await graph("GET", `${WABA}?fields=business_verification_status,health_status`);
    expect(before.body.business_verification_status).toBe("not_verified");
    expect(before.body.health_status.entities).toContainEqual(
      expect.objectContaining({ entity_type: "BUSINESS", can_send_message: "LIMITED" }),
    );
    emu.setConfig({
      businessVerification: { outcome: "REJECTED", rejectionReasons: ["WEBSITE NOT MATCHING"] },
    });
    expect((await control(`businesses/${business.id}/verification`)).verification_status).toBe("pending");
    const [rejected] = await changes("account_update", 1);
    expect(rejected).toEqual({
      event: "PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE",
      partner_client_certification_info: {
        client_business_id: business.id,
        status: "FAILED",
        rejection_reasons: ["WEBSITE NOT MATCHING"],
      },
    });
    emu.setConfig({ businessVerification: { outcome: "APPROVED" } });
    await control(`businesses/${business.id}/verification`);
    const updates = await changes("account_update", 2);
    expect(updates[1].partner_client_certification_info.status).toBe("APPROVED");
    expect((await changes("business_capability_update", 1))[0]).toEqual({
      max_daily_conversations_per_business: 2000,
    });
    const after = await graph("GET", `${WABA}?fields=business_verification_status,health_status`);
    expect(after.body.business_verification_status).toBe("verified");
    expect(after.body.health_status.can_send_message).toBe("AVAILABLE");
    expect((await control(`businesses/${business.id}/verification`)).error.code).toBe(100);
  });

  it("policy review: account_review_update PENDING then the decision; account_review_status and health_status follow", async () => {
    emu.setConfig({ accountReview: { outcome: "REJECTED" } });
    expect((await control(`wabas/${WABA}/review`)).account_review_status).toBe("PENDING");
    const decisions = await changes("account_review_update", 2);
    expect(decisions).toEqual([{ decision: "PENDING" }, { decision: "REJECTED" }]);
    const waba = await graph("GET", `${WABA}?fields=account_review_status,health_status`);
    expect(waba.body.account_review_status).toBe("REJECTED");
    expect(waba.body.health_status.can_send_message).toBe("BLOCKED");
    expect(waba.body.health_status.entities).toContainEqual(
      expect.objectContaining({
        entity_type: "WABA",
        can_send_message: "BLOCKED",
        errors: [expect.objectContaining({ error_code: 131031 })],
      }),
    );
    const phone = await graph("GET", `${PN}?fields=health_status`);
    expect(phone.body.health_status.entities[0]).toMatchObject({
      entity_type: "PHONE_NUMBER",
      id: PN,
      can_send_message: "AVAILABLE",
    });
  });

  it("display-name change: new_name_status PENDING_REVIEW, phone_number_name_update, then the name (or DECLINED)", async () => {
    expect((await graph("GET", `${PN}?fields=name_status,verified_name`)).body).toEqual({
      id: PN,
      name_status: "APPROVED",
      verified_name: "Charla Demo",
    });
    expect((await graph("POST", PN, { new_display_name: "Charla Demo Shop" })).body).toEqual({
      success: true,
    });
    expect((await graph("GET", `${PN}?fields=new_display_name,new_name_status`)).body).toMatchObject({
      new_display_name: "Charla Demo Shop",
      new_name_status: "PENDING_REVIEW",
    });
    expect((await graph("POST", PN, { new_display_name: "Again" })).status).toBe(400);
    const [approved] = await changes("phone_number_name_update", 1);
    expect(approved).toEqual({
      display_phone_number: "15550100001",
      decision: "APPROVED",
      requested_verified_name: "Charla Demo Shop",
    });
    expect((await graph("GET", `${PN}?fields=verified_name,name_status`)).body).toMatchObject({
      verified_name: "Charla Demo Shop",
      name_status: "APPROVED",
    });

    emu.setConfig({ displayNameReview: { outcome: "REJECTED", rejectionReasons: ["Generic name"] } });
    await graph("POST", PN, { new_display_name: "Shoes" });
    const [, rejected] = await changes("phone_number_name_update", 2);
    expect(rejected).toMatchObject({ decision: "REJECTED", rejection_reason: "Generic name" });
    expect((await graph("GET", `${PN}?fields=verified_name,new_name_status`)).body).toMatchObject({
      verified_name: "Charla Demo Shop",
      new_name_status: "DECLINED",
    });
    expect((await graph("POST", PN, { new_display_name: "x" })).body.error.code).toBe(100);
  });
});

describe("adding a number", () => {
  it("POST /{waba}/phone_numbers: a new number, not verified nor registered, its name under review (DEFERRED keeps it pending)", async () => {
    emu.setConfig({ displayNameReview: { outcome: "DEFERRED" } });
    const bad = await graph("POST", `${WABA}/phone_numbers`, {
      cc: "54",
      phone_number: "91155550400",
      verified_name: "x",
    });
    expect(bad.body.error.code).toBe(100);
    const added = await graph("POST", `${WABA}/phone_numbers`, {
      cc: "54",
      phone_number: "91155550400",
      verified_name: "Luna Ventas",
    });
    expect(added.body.id).toMatch(/^\d{15}$/);
    const again = await graph("POST", `${WABA}/phone_numbers`, {
      cc: "54",
      phone_number: "91155550400",
      verified_name: "Luna Ventas",
    });
    expect(again.status).toBe(400);
    const [deferred] = await changes("phone_number_name_update", 1);
    expect(deferred).toMatchObject({ decision: "DEFERRED", requested_verified_name: "Luna Ventas" });
    const listed = (
      await graph("GET", `${WABA}/phone_numbers?fields=id,status,code_verification_status,name_status`)
    ).body.data;
    expect(listed).toContainEqual({
      id: added.body.id,
      status: "PENDING",
      code_verification_status: "NOT_VERIFIED",
      name_status: "PENDING_REVIEW",
    });
  });
});

describe("registration steps with Meta's 133xxx errors", () => {
  it("request_code, verify_code, register with PIN (133006 before verification), deregister and register again", async () => {
    const register = (pin: string, id = PN_NEW) =>
      graph("POST", `${id}/register`, { messaging_product: "whatsapp", pin });
    expect(
      (await graph("GET", `${PN_NEW}?fields=code_verification_status,health_status`)).body,
    ).toMatchObject({
      code_verification_status: "NOT_VERIFIED",
      health_status: {
        can_send_message: "BLOCKED",
        entities: expect.arrayContaining([
          expect.objectContaining({ errors: [expect.objectContaining({ error_code: 133010 })] }),
        ]),
      },
    });
    expect((await register("123456")).body.error.code).toBe(133006);
    await graph("POST", `${PN_NEW}/request_code`, { code_method: "SMS", language: "en_US" });
    expect((await graph("POST", `${PN_NEW}/verify_code`, { code: "000000" })).body.error.code).toBe(136025);
    expect((await graph("POST", `${PN_NEW}/verify_code`, { code: "123456" })).body).toEqual({
      success: true,
    });
    expect((await register("123456")).body).toEqual({ success: true });
    expect((await graph("GET", `${PN_NEW}?fields=status,code_verification_status`)).body).toMatchObject({
      status: "CONNECTED",
      code_verification_status: "VERIFIED",
    });
    // Two-step PIN change, then the old PIN no longer registers.
    expect((await graph("POST", PN_NEW, { pin: "654321" })).body).toEqual({ success: true });
    expect((await graph("POST", `${PN_NEW}/deregister`)).body).toEqual({ success: true });
    expect((await register("123456")).body.error.code).toBe(133005);
    expect((await register("654321")).body).toEqual({ success: true });
  });

  it("133008 after too many wrong PINs, 133009 when guessed too fast, 133015 re-registering too soon, 133016 too many requests", async () => {
    const register = (pin: string) => graph("POST", `${PN}/register`, { messaging_product: "whatsapp", pin });
    emu.setConfig({ registration: { maxPinGuesses: 2, pinGuessIntervalMs: 0 } });
    expect((await register("111111")).body.error.code).toBe(133005);
    expect((await register("222222")).body.error.code).toBe(133005);
    expect((await register("000000")).body.error.code).toBe(133008);

    emu.reset();
    emu.setConfig({ registration: { maxPinGuesses: 10, pinGuessIntervalMs: 60_000 } });
    expect((await register("111111")).body.error.code).toBe(133005);
    expect((await register("000000")).body.error.code).toBe(133009);

    emu.reset();
    emu.setConfig({ registration: { pinGuessIntervalMs: 0, reregisterWaitMs: 60_000 } });
    await graph("POST", `${PN}/deregister`);
    expect((await register("000000")).body.error.code).toBe(133015);

    emu.reset();
    emu.setConfig({ registration: { reregisterWaitMs: 0, maxRequests: 3 } });
    expect((await register("000000")).body).toEqual({ success: true });
    expect((await graph("POST", `${PN}/deregister`)).body).toEqual({ success: true });
    expect((await register("000000")).body).toEqual({ success: true });
    const limited = await graph("POST", `${PN}/deregister`);
    expect(limited.body.error.code).toBe(133016);
  });
});

describe("Embedded Signup", () => {
  it("page, new business and number, code exchanged once for a token, WABA shared and subscribed, name under review", async () => {
    const page = await fetch(
      `${emu.url}/_emulator/signup?redirect_uri=${encodeURIComponent("http://app.test/done")}&state=s1`,
    );
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('name="display_phone_number"');
    expect(html).toContain('value="http://app.test/done"');
    const form = (fields: Record<string, string>) =>
      fetch(`${emu.url}/_emulator/signup`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ redirect_uri: "http://app.test/done", state: "s1", ...fields }),
      });
    const wrongCode = await form({
      business_name: "Luna SA",
      display_phone_number: "+54 9 11 5555-0101",
      display_name: "Luna",
      verification_code: "1",
    });
    expect(wrongCode.status).toBe(400);
    expect(await wrongCode.text()).toContain('role="alert"');
    const done = await form({
      business_name: "Luna SA",
      display_phone_number: "+54 9 11 5555-0101",
      display_name: "Luna",
      verification_code: "123456",
    });
    expect(done.status).toBe(303);
    const target = new URL(done.headers.get("location")!);
    expect(target.origin + target.pathname).toBe("http://app.test/done");
    expect(target.searchParams.get("state")).toBe("s1");
    const wabaId = target.searchParams.get("waba_id")!;
    const phoneId = target.searchParams.get("phone_number_id")!;
    const code = target.searchParams.get("code")!;

    const { appId, appSecret } = emu.config.embeddedSignup;
    const exchange = (c: string, secret = appSecret) =>
      fetch(`${emu.url}/v25.0/oauth/access_token?client_id=${appId}&client_secret=${secret}&code=${c}`).then(
        async (r) => ({ status: r.status, body: (await r.json()) as Json }),
      );
    expect((await exchange(code, "wrong")).body.error.code).toBe(101);
    const token = await exchange(code);
    expect(token.body).toEqual({ access_token: DEFAULT_ACCESS_TOKEN, token_type: "bearer" });
    expect((await exchange(code)).body.error).toMatchObject({ code: 100, error_subcode: 36007 });

    expect((await graph("POST", `${wabaId}/subscribed_apps`)).body).toEqual({ success: true });
    expect((await graph("GET", `${wabaId}/subscribed_apps`)).body.data[0].whatsapp_business_api_data.id).toBe(
      appId,
    );
    const [added] = await changes("account_update", 1);
    expect(added).toMatchObject({ event: "PARTNER_ADDED", waba_info: { waba_id: wabaId } });
    expect((await graph("GET", `${phoneId}?fields=name_status,status`)).body).toMatchObject({
      name_status: "PENDING_REVIEW",
      status: "PENDING",
    });
    expect(
      (await graph("POST", `${phoneId}/register`, { messaging_product: "whatsapp", pin: "246810" })).body,
    ).toEqual({ success: true });
    await changes("phone_number_name_update", 1);
    expect((await graph("GET", `${phoneId}?fields=name_status,status,verified_name`)).body).toMatchObject({
      name_status: "APPROVED",
      status: "CONNECTED",
      verified_name: "Luna",
    });
    expect((await changes("account_review_update", 2)).map((c) => c.decision)).toEqual([
      "PENDING",
      "APPROVED",
    ]);
    const listed = await graph("GET", `${wabaId}/phone_numbers`);
    expect(listed.body.data.map((p: Json) => p.id)).toEqual([phoneId]);
  });
});
