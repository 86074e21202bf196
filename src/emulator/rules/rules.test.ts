import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StatusEvent, WebhookEvent } from "../../whatsapp/types.ts";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, type SeedWaba } from "../config.ts";
import { type RunningEmulator, startEmulator } from "../server.ts";
import { startWebhookCollector, type WebhookCollector } from "../testing.ts";

// One portfolio of two WABAs; its limit starts at the old TIER_50 so a test can reach it.
const WABAS: SeedWaba[] = [
  {
    id: "300000000000001",
    name: "Rules A",
    portfolioId: "portfolio-1",
    phoneNumbers: [
      {
        id: "310000000000001",
        displayPhoneNumber: "+1 555-030-0001",
        verifiedName: "A",
        messagingLimitTier: "TIER_50",
      },
    ],
  },
  {
    id: "300000000000002",
    name: "Rules B",
    portfolioId: "portfolio-1",
    phoneNumbers: [
      {
        id: "320000000000001",
        displayPhoneNumber: "+1 555-030-0002",
        verifiedName: "B",
        messagingLimitTier: "TIER_50",
      },
    ],
  },
];
const PN = "310000000000001";
const PN_B = "320000000000001";

let emu: RunningEmulator;
let hook: WebhookCollector;
let seq = 0;
/** A fresh Mexican number (no per-user marketing exemption, not US). */
const mx = () => `5215${String(60_000_000 + ++seq)}`;

// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are asserted field by field
type Json = any;
async function send(body: Record<string, unknown>, phone = PN): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/v25.0/${phone}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ messaging_product: "whatsapp", ...body }),
  });
  return { status: res.status, body: await res.json() };
}
const control = async (path: string, body?: unknown): Promise<Json> => {
  const res = await fetch(`${emu.url}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return res.json();
};
const template = (to: string, name = "hello_world", language = "en_US") =>
  send({ to, type: "template", template: { name, language: { code: language } } });
const marketing = (to: string) =>
  send({
    to,
    type: "template",
    template: {
      name: "spring_sale",
      language: { code: "es" },
      components: [
        { type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.jpg" } }] },
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana" },
            { type: "text", text: "20" },
          ],
        },
      ],
    },
  });
const statusOf = (events: WebhookEvent[], id: string, status: string) =>
  events.find((e): e is StatusEvent => e.kind === "status" && e.messageId === id && e.status === status);
const waitStatus = async (id: string, status: string) =>
  statusOf(await hook.waitFor((e) => statusOf(e, id, status) !== undefined), id, status)!;

beforeAll(async () => {
  hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
  emu = await startEmulator({
    wabas: WABAS,
    webhookUrl: hook.url,
    statusDelaysMs: { sent: 5, delivered: 10, read: null },
    throughputPerSecond: 0,
    pairRate: null,
  });
});
afterAll(async () => {
  await emu?.close();
  await hook?.close();
});
beforeEach(() => {
  emu.reset();
  emu.setConfig({ messagingLimits: { autoScale: false }, pricing: { date: null } });
});

describe("pricing per the rules on the message's date", () => {
  it("service and utility-in-window are free until 1 Oct 2026 and charged from then on; marketing always", async () => {
    const to = mx();
    emu.injectInbound({ from: to, to: PN, text: "hola" });
    const priced = async (body: Record<string, unknown>) =>
      (await waitStatus((await send({ to, ...body })).body.messages[0].id, "sent")).pricing;
    emu.setConfig({ pricing: { date: "2026-09-30T12:00:00Z" } });
    expect(await priced({ type: "text", text: { body: "a" } })).toEqual({
      billable: false,
      pricing_model: "PMP",
      category: "service",
      type: "free_customer_service",
    });
    expect(
      await priced({ type: "template", template: { name: "hello_world", language: { code: "en_US" } } }),
    ).toMatchObject({ billable: false, category: "utility", type: "free_customer_service" });
    emu.setConfig({ pricing: { date: "2026-10-01T00:00:00Z" } });
    expect(await priced({ type: "text", text: { body: "b" } })).toEqual({
      billable: true,
      pricing_model: "PMP",
      category: "service",
      type: "regular",
    });
    expect(
      await priced({ type: "template", template: { name: "hello_world", language: { code: "en_US" } } }),
    ).toMatchObject({ billable: true, category: "utility", type: "regular" });
    emu.setConfig({ pricing: { date: null } }); // the message's own date: today, after the change
    expect(await priced({ type: "text", text: { body: "c" } })).toMatchObject({
      billable: true,
      type: "regular",
    });
  });
});

describe("typing indicators", () => {
  it("show until the reply or the expiry; need a received message and type text", async () => {
    emu.setConfig({ typingIndicator: { expiryMs: 80 } });
    const from = mx();
    const inbound = emu.injectInbound({ from, to: PN, text: "¿hay stock?" });
    const typing = { status: "read", message_id: inbound.id, typing_indicator: { type: "text" } };
    expect((await send(typing)).body).toEqual({ success: true });
    expect((await control("typing")).data).toEqual([
      { phoneNumberId: PN, waId: from, messageId: inbound.id, expiresAt: expect.any(Number) },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect((await control("typing")).data).toEqual([]);
    await send(typing);
    await send({ to: from, type: "text", text: { body: "sí" } });
    expect((await control("typing")).data).toEqual([]);
    expect((await send({ ...typing, typing_indicator: { type: "audio" } })).body.error.code).toBe(131009);
    expect((await send({ ...typing, message_id: "wamid.unknown" })).body.error.code).toBe(131009);
  });
});

describe("marketing templates", () => {
  it("are never delivered to US numbers (131049)", async () => {
    const r = await marketing("12025550123");
    expect(r.status).toBe(200);
    const failed = await waitStatus(r.body.messages[0].id, "failed");
    expect(failed.errors[0]?.code).toBe(131049);
  });

  it("have a per-user limit outside the service window; inside it and in the EEA/UK they do not count", async () => {
    emu.setConfig({ marketing: { perUserLimit: 2 } });
    const to = mx();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await marketing(to)).body.messages[0].id);
    await waitStatus(ids[1], "delivered");
    expect((await waitStatus(ids[2], "failed")).errors[0]?.code).toBe(131049);
    emu.injectInbound({ from: to, to: PN, text: "hola" });
    await waitStatus((await marketing(to)).body.messages[0].id, "delivered");
    const germany = "4915112345678";
    const exemptIds = [];
    for (let i = 0; i < 3; i++) exemptIds.push((await marketing(germany)).body.messages[0].id);
    await waitStatus(exemptIds[2], "delivered");
  });
});

describe("messaging limits per business portfolio", () => {
  it("count unique users reached outside the window across the portfolio's numbers; over the limit fails", async () => {
    emu.setConfig({ marketing: { enabled: false } });
    const users = Array.from({ length: 50 }, mx);
    for (const to of users) expect((await template(to, "hello_world")).status, to).toBe(200);
    const again = await template(users[0]!); // the same user again: not a new one
    const fromB = await send(
      { to: mx(), type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
      PN_B,
    );
    await waitStatus(again.body.messages[0].id, "delivered");
    expect((await waitStatus(fromB.body.messages[0].id, "failed")).errors[0]?.code).toBe(131048);
    expect((await control("portfolios")).data).toEqual([
      { id: "portfolio-1", tier: "TIER_50", usersReached: 50, scalePending: false },
    ]);
    // A reply inside the service window is not business-initiated.
    const customer = mx();
    emu.injectInbound({ from: customer, to: PN_B, text: "hola" });
    const reply = await send(
      { to: customer, type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
      PN_B,
    );
    await waitStatus(reply.body.messages[0].id, "delivered");
  });

  it("scale one level once half the limit is used, with phone_number_quality_update on every number", async () => {
    emu.setConfig({ marketing: { enabled: false }, messagingLimits: { autoScale: true, scaleDelayMs: 30 } });
    for (let i = 0; i < 25; i++) await template(mx());
    await hook.waitFor(
      (e) => e.filter((x) => x.kind === "phone_number_quality" && x.currentLimit === "TIER_250").length >= 2,
    );
    expect((await control("portfolios")).data[0]).toMatchObject({ tier: "TIER_250", scalePending: false });
    const phone: Json = await (
      await fetch(`${emu.url}/v25.0/${PN_B}`, {
        headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` },
      })
    ).json();
    expect(phone.messaging_limit_tier).toBe("TIER_250");
    expect(phone.whatsapp_business_manager_messaging_limit).toBe("TIER_250");
  });

  it("a limit set for one number is its portfolio's", async () => {
    await control("quality", {
      phoneNumberId: PN,
      event: "UPGRADE",
      maxDailyConversationsPerBusiness: "TIER_2K",
    });
    const events = await hook.waitFor((e) => e.filter((x) => x.kind === "phone_number_quality").length >= 2);
    expect(
      events
        .filter((x) => x.kind === "phone_number_quality")
        .map((x) => x.wabaId)
        .sort(),
    ).toEqual(["300000000000001", "300000000000002"]);
    expect((await control("portfolios")).data[0].tier).toBe("TIER_2K");
  });
});

describe("template pausing", () => {
  it("RED pauses for the first and second pause, then disables; sends answer 132015 / 132016", async () => {
    emu.setConfig({ templatePausing: { afterRedMs: 0, firstPauseMs: 40, secondPauseMs: 60 } });
    const t = [...emu.state.templates.values()].find(
      (x) => x.wabaId === WABAS[0]!.id && x.name === "hello_world",
    )!;
    const titles = () =>
      hook.deliveries
        .map((d) => JSON.parse(d.raw.toString()).entry[0].changes[0])
        .filter((c) => c.field === "message_template_status_update")
        .map((c) => `${c.value.event}:${c.value.other_info?.title}`);
    await control(`templates/${t.id}/quality`, { score: "RED" });
    expect((await template(mx())).body.error.code).toBe(132015);
    await hook.waitFor(() => titles().includes("APPROVED:UNPAUSE"));
    await control(`templates/${t.id}/quality`, { score: "RED" });
    await hook.waitFor(() => titles().filter((x) => x === "APPROVED:UNPAUSE").length === 2);
    await control(`templates/${t.id}/quality`, { score: "RED" });
    await hook.waitFor(() => titles().includes("DISABLED:DISABLED"));
    expect(titles()).toEqual([
      "PAUSED:FIRST_PAUSE",
      "APPROVED:UNPAUSE",
      "PAUSED:SECOND_PAUSE",
      "APPROVED:UNPAUSE",
      "DISABLED:DISABLED",
    ]);
    expect((await template(mx())).body.error.code).toBe(132016);
  });
});

describe("throughput upgrade", () => {
  it("answers 131057 while under way, then sends THROUGHPUT_UPGRADE and serves the higher level", async () => {
    emu.setConfig({ throughputUpgrade: { downtimeMs: 600 } }); // long enough for a loaded machine
    const to = mx();
    emu.injectInbound({ from: to, to: PN, text: "hola" });
    await control("throughput-upgrade", { phoneNumberId: PN });
    const during = await send({ to, type: "text", text: { body: "x" } });
    expect(during.status).toBe(500);
    expect(during.body.error.code).toBe(131057);
    await hook.waitFor((e) =>
      e.some((x) => x.kind === "phone_number_quality" && x.event === "THROUGHPUT_UPGRADE"),
    );
    expect((await send({ to, type: "text", text: { body: "y" } })).status).toBe(200);
    const phone: Json = await (
      await fetch(`${emu.url}/v25.0/${PN}?fields=throughput`, {
        headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` },
      })
    ).json();
    expect(phone.throughput).toEqual({ level: "HIGH" });
  });
});

describe("template pacing", () => {
  it("holds a new marketing template's sends past the threshold, then delivers them or fails them if paused", async () => {
    emu.setConfig({
      templateReview: { delayMs: 5 },
      templatePacing: { threshold: 2, holdMs: 600 },
      templatePausing: { afterRedMs: 0, firstPauseMs: 3_600_000 },
    });
    const created = await fetch(`${emu.url}/v25.0/${WABAS[0]!.id}/message_templates`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "paced_offer",
        language: "es",
        category: "MARKETING",
        components: [{ type: "BODY", text: "¡Oferta!" }],
      }),
    });
    const { id: templateId } = (await created.json()) as { id: string };
    await hook.waitFor((e) => e.some((x) => x.kind === "template_status" && x.templateId === templateId));
    const sendPaced = () => template(mx(), "paced_offer", "es");
    const answers = [await sendPaced(), await sendPaced(), await sendPaced()];
    expect(answers.map((a) => a.body.messages[0].message_status)).toEqual([
      "accepted",
      "accepted",
      "held_for_quality_assessment",
    ]);
    const held = answers[2]!.body.messages[0].id;
    expect(emu.state.messages.get(held)?.statuses).toEqual([]);
    await waitStatus(held, "delivered");
    const heldThenPaused = (await sendPaced()).body.messages[0].id;
    await control(`templates/${templateId}/quality`, { score: "RED" });
    expect((await waitStatus(heldThenPaused, "failed")).errors[0]?.code).toBe(132015);
  });
});
