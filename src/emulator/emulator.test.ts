import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../test/support/wait.ts";
import { createWhatsAppClient, type WhatsAppClient } from "../whatsapp/client.ts";
import type { InboundMessageEvent, StatusEvent, WebhookEvent } from "../whatsapp/types.ts";
import { runEmulatorFromCli } from "./cli.ts";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, DEFAULT_VERIFY_TOKEN, DEFAULT_WABAS } from "./config.ts";
import { type RunningEmulator, startEmulator } from "./server.ts";
import { startWebhookCollector, type WebhookCollector } from "./testing.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const PN2 = DEFAULT_WABAS[0]!.phoneNumbers[1]!.id;

let emu: RunningEmulator;
let hook: WebhookCollector;
let wa: WhatsAppClient;
let seq = 0;
const fresh = () => `4479${String(10_000_000 + ++seq)}`;

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${emu.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const get = async (path: string) => {
  const res = await fetch(`${emu.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const statusesOf = (events: WebhookEvent[], id: string) =>
  events.filter((e): e is StatusEvent => e.kind === "status" && e.messageId === id);

beforeAll(async () => {
  hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET, verifyToken: DEFAULT_VERIFY_TOKEN });
  emu = await startEmulator({
    webhookUrl: hook.url,
    statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
    templateReview: { delayMs: 10 },
    webhookDelivery: { baseDelayMs: 10, attempts: 4 },
    neverRead: { numbers: [], prefixes: ["4477"] },
  });
  wa = createWhatsAppClient({
    baseUrl: emu.url,
    accessToken: DEFAULT_ACCESS_TOKEN,
    retry: { attempts: 1, baseDelayMs: 1 },
  });
});

afterAll(async () => {
  await wa?.close();
  await emu?.close();
  await hook?.close();
});

beforeEach(() => {
  emu.setConfig({
    appSecret: DEFAULT_APP_SECRET,
    faults: { webhookDropRate: 0, webhookDuplicateRate: 0, webhookReorderRate: 0, latencyMs: 0 },
    webhookDelivery: { batchMaxEvents: 1 },
    windowMs: 24 * 3600 * 1000,
  });
});

describe("recipients and statuses", () => {
  it("inbound opens the window; replies go sent -> delivered -> read, signed, with free service pricing", async () => {
    emu.setConfig({ pricing: { date: "2026-09-30" } }); // service messages were free until 1 Oct 2026
    const from = fresh();
    const r = await post("/_emulator/inbound", { from, to: PN, text: "hola", profileName: "Ana" });
    expect(r.status).toBe(200);
    const inboundId = r.body.id as string;
    const ev = await hook.waitFor((e) => e.some((x) => x.kind === "message" && x.id === inboundId));
    const msg = ev.find((x): x is InboundMessageEvent => x.kind === "message" && x.id === inboundId)!;
    expect(msg).toMatchObject({ from, profileName: "Ana", content: { kind: "text", body: "hola" } });
    expect(msg.metadata.phoneNumberId).toBe(PN);

    const sent = await wa.sendMessage(PN, {
      to: from,
      type: "text",
      text: { body: "hi!" },
      context: { message_id: inboundId },
    });
    const id = sent.messages[0]!.id;
    const all = await hook.waitFor((e) => statusesOf(e, id).some((s) => s.status === "read"));
    const st = statusesOf(all, id);
    expect(new Set(st.map((s) => s.status))).toEqual(new Set(["sent", "delivered", "read"]));
    expect(st.find((s) => s.status === "sent")?.pricing).toEqual({
      billable: false,
      pricing_model: "PMP",
      category: "service",
      type: "free_customer_service",
    });
    expect(st.every((s) => s.recipientId === from)).toBe(true);
    expect(hook.deliveries.every((d) => d.signatureValid)).toBe(true);
    expect(emu.state.messages.get(id)?.status).toBe("read");
    emu.setConfig({ pricing: { date: null } });
  });

  it("neverRead recipients stop at delivered; utility template inside the window is free", async () => {
    emu.setConfig({ pricing: { date: "2026-09-30" } });
    const from = `4477${String(++seq).padStart(8, "0")}`;
    emu.injectInbound({ from, to: PN, text: "x" });
    const r = await wa.sendMessage(PN, {
      to: from,
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "a" },
              { type: "text", text: "b" },
            ],
          },
        ],
      },
    });
    const id = r.messages[0]!.id;
    const all = await hook.waitFor((e) => statusesOf(e, id).some((s) => s.status === "delivered"));
    await emu.drainWebhooks();
    expect(statusesOf(hook.events(), id).map((s) => s.status)).not.toContain("read");
    expect(statusesOf(all, id)[0]?.pricing).toMatchObject({ billable: false, category: "utility" });
    emu.setConfig({ pricing: { date: null } });
  });

  it("the 24h window expires (short windowMs) -> 131047 failed status", async () => {
    emu.setConfig({ windowMs: 30 });
    const from = fresh();
    emu.injectInbound({ from, to: PN, text: "x" });
    await new Promise((r) => setTimeout(r, 60));
    const r = await wa.sendMessage(PN, { to: from, type: "text", text: { body: "too late" } });
    const id = r.messages[0]!.id;
    const all = await hook.waitFor((e) => statusesOf(e, id).length > 0);
    expect(statusesOf(all, id)[0]).toMatchObject({ status: "failed", errors: [{ code: 131047 }] });
    expect(emu.state.messages.get(id)).toMatchObject({ status: "failed", errorCode: 131047 });
  });

  it("windows are per business number", async () => {
    const from = fresh();
    emu.injectInbound({ from, to: PN, text: "x" });
    const r = await wa.sendMessage(PN2, { to: from, type: "text", text: { body: "other number" } });
    const id = r.messages[0]!.id;
    const all = await hook.waitFor((e) => statusesOf(e, id).length > 0);
    expect(statusesOf(all, id)[0]?.status).toBe("failed");
  });

  it("notOnWhatsApp rules: explicit numbers and pattern", async () => {
    emu.setConfig({ notOnWhatsApp: { numbers: ["+1 555 123 0000"], prefixes: ["999"], pattern: "^1800" } });
    for (const to of ["15551230000", "18005550000"]) {
      const r = await wa.sendMessage(PN, {
        to,
        type: "template",
        template: {
          name: "hello_world",
          language: { code: "en_US" },
          components: [{ type: "header", parameters: [] }],
        },
      });
      const id = r.messages[0]!.id;
      const all = await hook.waitFor((e) => statusesOf(e, id).length > 0);
      expect(statusesOf(all, id)[0]).toMatchObject({ status: "failed", errors: [{ code: 131026 }] });
    }
  });
});

describe("inbound injection", () => {
  it("injects every inbound type through the control endpoint", async () => {
    const from = fresh();
    const inputs: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { image: { caption: "pic", data: Buffer.from("jpg").toString("base64") } },
        { kind: "media", mediaType: "image" },
      ],
      [{ audio: {} }, { kind: "media", mediaType: "audio" }],
      [{ video: {} }, { kind: "media", mediaType: "video" }],
      [
        { document: { filename: "a.pdf" } },
        { kind: "media", mediaType: "document", media: { filename: "a.pdf" } },
      ],
      [{ sticker: {} }, { kind: "media", mediaType: "sticker" }],
      [{ location: { latitude: 1, longitude: 2 } }, { kind: "location", latitude: 1, longitude: 2 }],
      [{ contacts: [{ name: { formatted_name: "Bob" } }] }, { kind: "contacts" }],
      [{ buttonReply: { id: "yes", title: "Yes" } }, { kind: "button_reply", id: "yes" }],
      [{ listReply: { id: "r1", title: "Row 1" } }, { kind: "list_reply", id: "r1" }],
      [{ button: { payload: "STOP", text: "Stop" } }, { kind: "button", payload: "STOP" }],
      [{ reaction: { message_id: "wamid.X", emoji: "❤️" } }, { kind: "reaction", emoji: "❤️" }],
      [
        { text: "reply", context: { id: "wamid.ORIG" } },
        { kind: "text", body: "reply" },
      ],
      [{}, { kind: "unsupported" }],
    ];
    for (const [input, expected] of inputs) {
      const r = await post("/_emulator/inbound", { from, to: PN, ...input });
      expect(r.status).toBe(200);
      const id = r.body.id as string;
      const ev = await hook.waitFor((e) => e.some((x) => x.kind === "message" && x.id === id));
      const m = ev.find((x): x is InboundMessageEvent => x.kind === "message" && x.id === id)!;
      expect(m.content).toMatchObject(expected);
      if ("context" in input) expect(m.context?.id).toBe("wamid.ORIG");
    }
    expect(emu.state.inbound.filter((i) => i.from === from)).toHaveLength(inputs.length);
  });

  it("rejects an unknown business number", async () => {
    const r = await post("/_emulator/inbound", { from: fresh(), to: "42", text: "x" });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 100 } });
  });
});

describe("webhook delivery and faults", () => {
  it("retries a failing receiver with backoff until delivered", async () => {
    hook.failNext(2);
    const r = emu.injectInbound({ from: fresh(), to: PN, text: "retry me" });
    await hook.waitFor((e) => e.some((x) => x.kind === "message" && x.id === r.id));
    // The receiver has the body before the emulator has read its 200: wait for the record to settle.
    const d = await eventually(() =>
      emu.webhooks.deliveries.find(
        (x) =>
          x.status !== "pending" &&
          (x.payload as { entry: { changes: { value: { messages?: { id: string }[] } }[] }[] }).entry[0]
            ?.changes[0]?.value.messages?.[0]?.id === r.id,
      ),
    );
    expect(d).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("a receiver with another secret rejects; the emulator gives up after its attempts", async () => {
    emu.setConfig({ appSecret: "wrong-secret" });
    const before = hook.deliveries.length;
    emu.injectInbound({ from: fresh(), to: PN, text: "bad sig" });
    await emu.drainWebhooks();
    const mine = hook.deliveries.slice(before);
    expect(mine.length).toBe(4);
    expect(mine.every((d) => !d.signatureValid && d.answered === 401)).toBe(true);
    expect(emu.webhooks.deliveries.at(-1)).toMatchObject({ status: "failed", attempts: 4 });
  });

  it("drops, duplicates and reorders webhooks when configured", async () => {
    emu.setConfig({ faults: { webhookDropRate: 1 } });
    const dropped = emu.injectInbound({ from: fresh(), to: PN, text: "dropped" });
    await emu.drainWebhooks();
    expect(hook.events().some((e) => e.kind === "message" && e.id === dropped.id)).toBe(false);
    expect(emu.webhooks.deliveries.at(-1)?.status).toBe("dropped");

    emu.setConfig({ faults: { webhookDropRate: 0, webhookDuplicateRate: 1 } });
    const dup = emu.injectInbound({ from: fresh(), to: PN, text: "dup" });
    await hook.waitFor((e) => e.filter((x) => x.kind === "message" && x.id === dup.id).length === 2);

    emu.setConfig({ faults: { webhookDuplicateRate: 0, webhookReorderRate: 1, webhookReorderWindowMs: 30 } });
    const from = fresh();
    const ids = [1, 2, 3, 4, 5].map((i) => emu.injectInbound({ from, to: PN, text: `r${i}` }).id);
    await hook.waitFor((e) => ids.every((id) => e.some((x) => x.kind === "message" && x.id === id)));
    expect(emu.webhooks.deliveries.filter((d) => d.reordered).length).toBeGreaterThanOrEqual(5);
  });

  it("batches notifications like Meta when configured: one POST, an entry per WABA, changes in order", async () => {
    emu.setConfig({ webhookDelivery: { batchMaxEvents: 3, batchWindowMs: 200 } });
    const before = emu.webhooks.deliveries.length;
    const from = fresh();
    const ids = [1, 2, 3].map((i) => emu.injectInbound({ from, to: PN, text: `b${i}` }).id);
    await hook.waitFor((e) => ids.every((id) => e.some((x) => x.kind === "message" && x.id === id)));
    const posted = emu.webhooks.deliveries.slice(before);
    expect(posted).toHaveLength(1);
    const payload = posted[0]!.payload as {
      entry: { id: string; changes: { value: { messages: { id: string }[] } }[] }[];
    };
    expect(payload.entry).toHaveLength(1);
    expect(payload.entry[0]!.changes.map((c) => c.value.messages[0]!.id)).toEqual(ids);

    // Fewer than the maximum go out when the window closes.
    const lone = emu.injectInbound({ from, to: PN, text: "alone" });
    await hook.waitFor((e) => e.some((x) => x.kind === "message" && x.id === lone.id));
    expect(emu.webhooks.deliveries.slice(before)).toHaveLength(2);
  });

  it("performs Meta's verification handshake against the receiver", async () => {
    const r = await post("/_emulator/webhook/verify", {});
    expect(r.body).toMatchObject({ ok: true, statusCode: 200 });
    emu.setConfig({ verifyToken: "other" });
    expect((await post("/_emulator/webhook/verify", {})).body).toMatchObject({ ok: false, statusCode: 403 });
    emu.setConfig({ verifyToken: DEFAULT_VERIFY_TOKEN });
  });

  it("phone number quality updates", async () => {
    const r = await post("/_emulator/quality", {
      phoneNumberId: PN,
      event: "UPGRADE",
      currentLimit: "TIER_10K",
    });
    expect(r.status).toBe(200);
    const ev = await hook.waitFor((e) =>
      e.some((x) => x.kind === "phone_number_quality" && x.currentLimit === "TIER_10K"),
    );
    expect(ev.find((x) => x.kind === "phone_number_quality")).toMatchObject({
      event: "UPGRADE",
      wabaId: DEFAULT_WABAS[0]!.id,
    });
    expect((await wa.getPhoneNumber(PN)).messaging_limit_tier).toBe("TIER_10K");
    const qualityValueWith = (limit: string) =>
      hook.deliveries
        .map((d) => JSON.parse(d.raw.toString()).entry[0].changes[0])
        .find((c) => c.field === "phone_number_quality_update" && JSON.stringify(c.value).includes(limit))
        ?.value;
    // Meta's shape since February 2026: the portfolio's limit, no current_limit / old_limit.
    expect(qualityValueWith("TIER_10K")).toEqual({
      display_phone_number: "15550100001",
      event: "UPGRADE",
      max_daily_conversations_per_business: "TIER_10K",
    });
    emu.setConfig({ webhookFormat: { phoneNumberQuality: "legacy" } });
    await post("/_emulator/quality", {
      phoneNumberId: PN,
      event: "UPGRADE",
      maxDailyConversationsPerBusiness: "TIER_100K",
    });
    await hook.waitFor((e) =>
      e.some((x) => x.kind === "phone_number_quality" && x.currentLimit === "TIER_100K"),
    );
    expect(qualityValueWith("TIER_100K")).toEqual({
      display_phone_number: "15550100001",
      event: "UPGRADE",
      old_limit: "TIER_10K",
      current_limit: "TIER_100K",
    });
    emu.setConfig({ webhookFormat: { phoneNumberQuality: "2026" } });
  });
});

describe("control endpoints and Graph conventions", () => {
  it("info, messages log, config", async () => {
    const info = await get("/_emulator/info");
    expect(info.body).toMatchObject({ accessToken: DEFAULT_ACCESS_TOKEN, appSecret: DEFAULT_APP_SECRET });
    const from = fresh();
    emu.injectInbound({ from, to: PN, text: "x" });
    await wa.sendMessage(PN, { to: from, type: "text", text: { body: "logged" } });
    const log = await get(`/_emulator/messages?to=${from}`);
    expect((log.body.data as { body: { text: { body: string } } }[])[0]?.body.text.body).toBe("logged");
    const cfg = await post("/_emulator/config", { throughputPerSecond: 7, faults: { latencyMs: 1 } });
    expect(cfg.body).toMatchObject({ throughputPerSecond: 7, faults: { latencyMs: 1, errorRate: 0 } });
    expect(emu.config.throughputPerSecond).toBe(7);
    await wa.getPhoneNumber(PN); // still works with latency
    emu.setConfig({ throughputPerSecond: 80 });
    expect((await get("/_emulator/webhooks")).body.data).toBeInstanceOf(Array);
  });

  it("unknown paths, bad versions and bad JSON answer Graph-style errors", async () => {
    const auth = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };
    const a = await fetch(`${emu.url}/v23.0/${PN}/nothing`, { method: "POST", headers: auth });
    expect(a.status).toBe(400);
    expect(await a.json()).toMatchObject({ error: { code: 100, type: "OAuthException" } });
    const b = await fetch(`${emu.url}/latest/${PN}`, { headers: auth });
    expect(((await b.json()) as { error: { code: number } }).error.code).toBe(100);
    const c = await fetch(`${emu.url}/v23.0/${PN}/messages`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{not json",
    });
    expect(c.status).toBe(400);
    expect(await c.json()).toMatchObject({ error: { code: 100 } });
    const d = await fetch(`${emu.url}/v23.0/${PN}`);
    expect(d.status).toBe(401);
    expect(await d.json()).toMatchObject({ error: { code: 190, type: "OAuthException" } });
  });

  it("reset clears state and re-seeds", async () => {
    const r = await post("/_emulator/reset", {});
    expect(r.body).toEqual({ success: true });
    expect(emu.state.messages.size).toBe(0);
    expect(emu.state.phones.size).toBe(4);
    expect(
      [...emu.state.templates.values()].filter((t) => t.wabaId === DEFAULT_WABAS[0]!.id).map((t) => t.name),
    ).toEqual(["hello_world", "order_update", "spring_sale"]);
  });
});

describe("runEmulatorFromCli", () => {
  it("starts and prints URL, token and seeded ids", async () => {
    const lines: string[] = [];
    const cli = await runEmulatorFromCli({ port: 0, print: (l) => lines.push(l), handleSignals: false });
    try {
      const text = lines.join("\n");
      expect(text).toContain(cli.url);
      expect(text).toContain(DEFAULT_ACCESS_TOKEN);
      expect(text).toContain(PN);
      expect(text).toContain(DEFAULT_WABAS[0]!.id);
    } finally {
      await cli.close();
    }
  });
});
