import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessageEvent } from "../whatsapp/types.ts";
import { DEFAULT_APP_SECRET, DEFAULT_WABAS } from "./config.ts";
import { type RunningEmulator, startEmulator } from "./server.ts";
import { startWebhookCollector, type WebhookCollector } from "./testing.ts";
import { metaJson } from "./wire.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const hmac = (body: string | Buffer) =>
  `sha256=${createHmac("sha256", DEFAULT_APP_SECRET).update(body).digest("hex")}`;

describe("metaJson", () => {
  it("escapes every non-ASCII character as lowercase \\uXXXX and leaves ASCII as JSON.stringify writes it", () => {
    const value = { text: 'Lucía: ¡café Ω! 😀 "q" / \\', n: 1 };
    const out = metaJson(value);
    expect(out).toBe(
      '{"text":"Luc\\u00eda: \\u00a1caf\\u00e9 \\u03a9! \\ud83d\\ude00 \\"q\\" / \\\\","n":1}',
    );
    expect(/^[\x20-\x7e]*$/.test(out)).toBe(true);
    expect(JSON.parse(out)).toEqual(value);
    expect(metaJson({ plain: "abc" })).toBe(JSON.stringify({ plain: "abc" }));
  });
});

describe("webhook bodies on the wire", () => {
  let hook: WebhookCollector;
  let emu: RunningEmulator;
  beforeAll(async () => {
    hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
    emu = await startEmulator({ webhookUrl: hook.url });
  });
  afterAll(async () => {
    await emu?.close();
    await hook?.close();
  });

  it("are ASCII-only and signed over those exact bytes, as Meta sends them", async () => {
    const text = "¿Qué tal? Ünïcödé 😀 日本";
    const { id } = emu.injectInbound({ from: "5491122223333", to: PN, text, profileName: "Zoë" });
    const events = await hook.waitFor((e) => e.some((x) => x.kind === "message" && x.id === id));
    const delivery = hook.deliveries.find((d) => d.events.some((x) => x.kind === "message"))!;
    const raw = delivery.raw;
    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
    const rawText = raw.toString("latin1");
    expect(rawText).toContain(
      "\\u00bfQu\\u00e9 tal? \\u00dcn\\u00efc\\u00f6d\\u00e9 \\ud83d\\ude00 \\u65e5\\u672c",
    );
    expect(rawText).toContain('"name":"Zo\\u00eb"');
    expect(rawText).not.toMatch(/\\u[0-9a-f]*[A-F]/);
    expect(delivery.headers["x-hub-signature-256"]).toBe(hmac(raw));
    expect(delivery.signatureValid).toBe(true);
    // A receiver that re-serialises the parsed body signs other bytes and must fail, as with Meta.
    expect(hmac(JSON.stringify(JSON.parse(rawText)))).not.toBe(hmac(raw));
    const message = events.find((x): x is InboundMessageEvent => x.kind === "message" && x.id === id)!;
    expect(message).toMatchObject({ profileName: "Zoë", content: { kind: "text", body: text } });
  });
});

describe("retries", () => {
  it("go on, with doubling gaps, until the notification is maxAgeMs old (7 days at Meta), then it is dropped", async () => {
    const hook = await startWebhookCollector({ appSecret: "another secret" }); // rejects every delivery
    const emu = await startEmulator({
      webhookUrl: hook.url,
      webhookDelivery: { attempts: 0, baseDelayMs: 5, maxDelayMs: 40, maxAgeMs: 1_000 },
    });
    try {
      emu.injectInbound({ from: "5491122223333", to: PN, text: "hola" });
      await emu.drainWebhooks(8_000);
      const delivery = emu.webhooks.deliveries[0]!;
      expect(delivery.status).toBe("failed");
      expect(delivery.attempts).toBeGreaterThanOrEqual(3); // about 30 on an idle machine
      expect(hook.deliveries.length).toBe(delivery.attempts);
      expect(Date.now() - delivery.createdAt).toBeGreaterThanOrEqual(1_000);
    } finally {
      await emu.close();
      await hook.close();
    }
  });
});
