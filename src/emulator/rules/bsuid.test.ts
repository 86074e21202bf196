import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, DEFAULT_WABAS } from "../config.ts";
import { type RunningEmulator, startEmulator } from "../server.ts";
import { startWebhookCollector, type WebhookCollector } from "../testing.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const PN_SAME_WABA = DEFAULT_WABAS[0]!.phoneNumbers[1]!.id;
const PN_OTHER_PORTFOLIO = DEFAULT_WABAS[1]!.phoneNumbers[0]!.id;
const USERNAME_ADOPTER = "5215512340000";

let emu: RunningEmulator;
let hook: WebhookCollector;

// biome-ignore lint/suspicious/noExplicitAny: webhook bodies are asserted field by field
type Json = any;
const rawChanges = (): Json[] =>
  hook.deliveries.flatMap((d) => JSON.parse(d.raw.toString()).entry.flatMap((e: Json) => e.changes));
const inboundValue = async (id: string): Promise<Json> => {
  await hook.waitFor(() => rawChanges().some((c) => c.value.messages?.[0]?.id === id));
  return rawChanges().find((c) => c.value.messages?.[0]?.id === id).value;
};
const statuses = (id: string): Json[] =>
  rawChanges()
    .flatMap((c) => c.value.statuses ?? [])
    .filter((s: Json) => s.id === id);
async function send(body: Record<string, unknown>): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/v25.0/${PN}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ messaging_product: "whatsapp", ...body }),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
  emu = await startEmulator({
    webhookUrl: hook.url,
    statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
    businessScopedUserIds: { usernames: [USERNAME_ADOPTER] },
  });
});
afterAll(async () => {
  await emu?.close();
  await hook?.close();
});

describe("business-scoped user ids", () => {
  it("come with every inbound message, one per user and business portfolio", async () => {
    const user = "5491170001111";
    const a = await inboundValue(emu.injectInbound({ from: user, to: PN, text: "a" }).id);
    const b = await inboundValue(emu.injectInbound({ from: user, to: PN_SAME_WABA, text: "b" }).id);
    const c = await inboundValue(emu.injectInbound({ from: user, to: PN_OTHER_PORTFOLIO, text: "c" }).id);
    expect(a.contacts[0]).toEqual({
      profile: { name: "User 1111" },
      wa_id: user,
      user_id: expect.stringMatching(/^AR\.\d+$/),
    });
    expect(a.messages[0]).toMatchObject({ from: user, from_user_id: a.contacts[0].user_id });
    expect(b.contacts[0].user_id).toBe(a.contacts[0].user_id);
    expect(c.contacts[0].user_id).not.toBe(a.contacts[0].user_id);
  });

  it("a user with a username has no phone number in webhooks", async () => {
    const v = await inboundValue(emu.injectInbound({ from: USERNAME_ADOPTER, to: PN, text: "hola" }).id);
    expect(v.contacts[0]).toEqual({
      profile: { name: "User 0000", username: "user0000" },
      user_id: expect.any(String),
    });
    expect(v.messages[0].from).toBeUndefined();
    expect(v.messages[0].from_user_id).toBe(v.contacts[0].user_id);
  });

  it("a business sends to the BSUID with `recipient`; the answer and the statuses name no phone", async () => {
    const user = "5491170002222";
    const userId = (await inboundValue(emu.injectInbound({ from: user, to: PN, text: "hola" }).id))
      .contacts[0].user_id;
    const r = await send({ recipient: userId, type: "text", text: { body: "¡hola!" } });
    expect(r.body.contacts).toEqual([{ input: userId, user_id: userId }]);
    const id = r.body.messages[0].id;
    await hook.waitFor(() => statuses(id).some((s) => s.status === "read"));
    for (const s of statuses(id)) {
      expect(s.recipient_id).toBeUndefined();
      expect(s.recipient_user_id).toBe(userId);
    }
    const byPhone = await send({ to: user, type: "text", text: { body: "otra" } });
    expect(byPhone.body.contacts).toEqual([{ input: user, wa_id: user }]);
    const phoneId = byPhone.body.messages[0].id;
    await hook.waitFor(() => statuses(phoneId).some((s) => s.status === "delivered"));
    expect(statuses(phoneId)[0]).toMatchObject({ recipient_id: user, recipient_user_id: userId });
    expect((await send({ recipient: "AR.123", type: "text", text: { body: "x" } })).body.error.code).toBe(
      131009,
    );
  });
});
