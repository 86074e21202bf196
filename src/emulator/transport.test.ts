import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_WABAS } from "./config.ts";
import { type RunningEmulator, startEmulator } from "./server.ts";

const WABA = DEFAULT_WABAS[0]!.id;
const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const PN_UNREGISTERED = DEFAULT_WABAS[0]!.phoneNumbers[2]!.id;
const bearer = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };

let emu: RunningEmulator;
let seq = 0;
const customer = () => {
  const from = `3460${String(1_000_000 + ++seq)}`;
  emu.injectInbound({ from, to: PN, text: "hola" });
  return from;
};

// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are asserted field by field
type Json = any;

const call = async (
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json; headers: Headers }> => {
  const res = await fetch(`${emu.url}${path}`, init);
  return { status: res.status, body: await res.json(), headers: res.headers };
};

beforeAll(async () => {
  emu = await startEmulator({ statusDelaysMs: { sent: 5, delivered: 10, read: null } });
});
afterAll(() => emu?.close());

describe("versions and paths", () => {
  it("serves v18.0 to v25.0, unversioned paths with the default version, and trailing slashes", async () => {
    for (const v of ["v18.0", "v21.0", "v23.0", "v25.0"]) {
      expect((await call(`/${v}/${PN}`, { headers: bearer })).body.id).toBe(PN);
    }
    expect((await call(`/${PN}`, { headers: bearer })).body.id).toBe(PN);
    expect((await call(`/${PN}/`, { headers: bearer })).body.id).toBe(PN);
    expect((await call(`/v25.0/${WABA}/phone_numbers/`, { headers: bearer })).body.data).toHaveLength(3);
    expect((await call(`/${WABA}/message_templates/?limit=1`, { headers: bearer })).body.data).toHaveLength(
      1,
    );
  });

  it("upgrades an expired version to the oldest one and refuses a version Graph does not have (2500)", async () => {
    expect((await call(`/v17.0/${PN}`, { headers: bearer })).body.id).toBe(PN);
    const future = await call(`/v26.0/${PN}/phone_numbers`, { headers: bearer });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({
      code: 2500,
      type: "OAuthException",
      message: `Unknown path components: /${PN}/phone_numbers`,
    });
    expect(future.body.error.error_data).toBeUndefined();
    expect(future.body.error.fbtrace_id).toEqual(expect.any(String));
  });
});

describe("access token and parameters", () => {
  it("takes the access token from the query string or a form body; a bad one is a 401 with WWW-Authenticate", async () => {
    expect((await call(`/v25.0/${PN}?access_token=${DEFAULT_ACCESS_TOKEN}`)).body.id).toBe(PN);
    const to = customer();
    const form = new URLSearchParams({
      access_token: DEFAULT_ACCESS_TOKEN,
      messaging_product: "whatsapp",
      to,
      type: "text",
      text: JSON.stringify({ body: "por formulario" }),
    });
    const sent = await call(`/v25.0/${PN}/messages`, { method: "POST", body: form });
    expect(sent.status).toBe(200);
    expect(emu.state.messages.get(sent.body.messages[0].id)?.body.text).toEqual({ body: "por formulario" });
    const bad = await call(`/v25.0/${PN}?access_token=nope`);
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatchObject({ code: 190, type: "OAuthException" });
    expect(bad.body.error.error_data).toBeUndefined();
    expect(bad.headers.get("www-authenticate")).toContain('OAuth "Facebook Platform" "invalid_token"');
    expect(bad.headers.get("x-fb-trace-id")).toBe(bad.body.error.fbtrace_id);
  });

  it("reads parameters from the query string, object parameters as JSON strings, and an empty JSON body", async () => {
    const to = customer();
    const query = new URLSearchParams({
      messaging_product: "whatsapp",
      to,
      type: "template",
      template: JSON.stringify({
        name: "order_update",
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "A-9" },
            ],
          },
        ],
      }),
    });
    const sent = await call(`/v25.0/${PN}/messages?${query}`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: "",
    });
    expect(sent.status).toBe(200);
    expect(sent.body.messages[0]).toMatchObject({ message_status: "accepted" });
    const dereg = await call(`/v25.0/${PN_UNREGISTERED}/deregister`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
    });
    expect(dereg.body).toEqual({ success: true });
    const badJsonParam = await call(`/v25.0/${PN}/messages`, {
      method: "POST",
      headers: bearer,
      body: new URLSearchParams({ messaging_product: "whatsapp", to, type: "text", text: "{oops" }),
    });
    expect(badJsonParam.status).toBe(400);
    expect(badJsonParam.body.error.code).toBe(100);
  });
});

describe("error objects", () => {
  it("an unknown object is a GraphMethodException (100/33) naming the method, without error_data", async () => {
    for (const [method, path] of [
      ["GET", "/v25.0/123456789"],
      ["POST", "/v25.0/123456789/messages"],
      ["DELETE", "/v25.0/123456789"],
      ["GET", "/v25.0/123456789/message_templates"],
    ] as const) {
      const r = await call(path, { method, headers: bearer });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({
        code: 100,
        error_subcode: 33,
        type: "GraphMethodException",
        message: `Unsupported ${method.toLowerCase()} request. Object with ID '123456789' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      });
      expect(Object.keys(r.body.error).sort()).toEqual([
        "code",
        "error_subcode",
        "fbtrace_id",
        "message",
        "type",
      ]);
    }
  });

  it("an unknown field in fields= is a 400 (#100) naming it; a field Meta has but the emulator lacks is left out", async () => {
    const r = await call(`/v25.0/${PN}?fields=verified_name,nonsense`, { headers: bearer });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 100,
      type: "OAuthException",
      message:
        "(#100) Tried accessing nonexisting field (nonsense) on node type (WhatsAppBusinessPhoneNumber)",
    });
    expect(r.body.error.error_data).toBeUndefined();
    const ok = await call(`/v25.0/${PN}?fields=verified_name,name_status`, { headers: bearer });
    expect(ok.body).toEqual({ id: PN, verified_name: "Charla Demo" });
    const tpl = await call(`/v25.0/${WABA}/message_templates?fields=name,bogus`, { headers: bearer });
    expect(tpl.body.error.message).toContain("(bogus)");
    const waba = await call(`/v25.0/${WABA}?fields=name`, { headers: bearer });
    expect(waba.body).toEqual({ id: WABA, name: "Charla Demo" });
    const profile = await call(`/v25.0/${PN}/whatsapp_business_profile?fields=about,colour`, {
      headers: bearer,
    });
    expect(profile.body.error.message).toContain("(colour)");
  });

  it("WhatsApp's own errors carry error_data with messaging_product and details", async () => {
    const r = await call(`/v25.0/${PN}/messages`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", to: customer(), type: "text", text: {} }),
    });
    expect(r.body.error).toMatchObject({
      code: 131008,
      type: "OAuthException",
      error_data: { messaging_product: "whatsapp", details: "The parameter text['body'] is required." },
    });
  });
});
