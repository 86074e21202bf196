import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, DEFAULT_WABAS } from "../emulator/config.ts";
import { type RunningEmulator, startEmulator } from "../emulator/server.ts";
import { startWebhookCollector, type WebhookCollector } from "../emulator/testing.ts";
import { createWhatsAppClient, type WhatsAppClient } from "./client.ts";
import { WhatsAppApiError } from "./errors.ts";
import type { OutboundMessage, StatusEvent, TemplateStatusEvent } from "./types.ts";

const WABA = DEFAULT_WABAS[0]!.id;
const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const PN_UNREGISTERED = DEFAULT_WABAS[0]!.phoneNumbers[2]!.id;

let emu: RunningEmulator;
let hook: WebhookCollector;
let wa: WhatsAppClient;
let seq = 0;
/** a fresh recipient per test, so pair-rate and window state never leak between tests */
const freshRecipient = () => `+52 1 55 ${String(1000_0000 + ++seq)}`;
const digitsOf = (s: string) => s.replace(/\D/g, "");

async function caught(p: Promise<unknown>): Promise<WhatsAppApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WhatsAppApiError);
    return err as WhatsAppApiError;
  }
  throw new Error("expected a WhatsAppApiError");
}

beforeAll(async () => {
  hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
  emu = await startEmulator({
    webhookUrl: hook.url,
    statusDelaysMs: { sent: 10, delivered: 20, read: 30 },
    templateReview: { delayMs: 30 },
    webhookDelivery: { baseDelayMs: 20 },
  });
  wa = createWhatsAppClient({
    baseUrl: emu.url,
    accessToken: DEFAULT_ACCESS_TOKEN,
    retry: { attempts: 4, baseDelayMs: 20 },
  });
});

afterAll(async () => {
  await wa?.close();
  await emu?.close();
  await hook?.close();
});

beforeEach(() => {
  emu.setConfig({
    throughputPerSecond: 80,
    pairRate: null,
    recipientErrorMode: "async",
    faults: { failNext: null, errorRate: 0, timeoutRate: 0, latencyMs: 0 },
  });
});

describe("sendMessage: every message type", () => {
  it("sends each type and returns Meta's response shape", async () => {
    const to = freshRecipient();
    const inbound = emu.injectInbound({ from: to, to: PN, text: "hi" });
    const { id: mediaId } = await wa.uploadMedia(PN, {
      file: Buffer.from("%PDF-1.4 test"),
      mimeType: "application/pdf",
      filename: "invoice.pdf",
    });
    const link = "https://example.com/a.jpg";
    const messages: OutboundMessage[] = [
      { to, type: "text", text: { body: "hello", preview_url: true } },
      { to, type: "text", text: { body: "a reply" }, context: { message_id: inbound.id } },
      { to, type: "image", image: { link, caption: "pic" } },
      { to, type: "image", image: { id: mediaId } },
      { to, type: "document", document: { id: mediaId, filename: "invoice.pdf", caption: "your invoice" } },
      { to, type: "audio", audio: { link: "https://example.com/a.ogg" } },
      { to, type: "video", video: { link: "https://example.com/a.mp4", caption: "v" } },
      { to, type: "sticker", sticker: { link: "https://example.com/s.webp" } },
      {
        to,
        type: "location",
        location: { latitude: 19.43, longitude: -99.13, name: "Zócalo", address: "CDMX" },
      },
      {
        to,
        type: "contacts",
        contacts: [
          { name: { formatted_name: "Ana Pérez", first_name: "Ana" }, phones: [{ phone: "+5215500000000" }] },
        ],
      },
      { to, type: "reaction", reaction: { message_id: inbound.id, emoji: "👍" } },
      {
        to,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "Confirm?" },
          action: {
            buttons: [
              { type: "reply", reply: { id: "yes", title: "Yes" } },
              { type: "reply", reply: { id: "no", title: "No" } },
            ],
          },
        },
      },
      {
        to,
        type: "interactive",
        interactive: {
          type: "list",
          header: { type: "text", text: "Menu" },
          body: { text: "Pick one" },
          action: {
            button: "Options",
            sections: [
              {
                title: "S",
                rows: [
                  { id: "r1", title: "One", description: "first" },
                  { id: "r2", title: "Two" },
                ],
              },
            ],
          },
        },
      },
      {
        to,
        type: "interactive",
        interactive: {
          type: "cta_url",
          body: { text: "Track your order" },
          action: { name: "cta_url", parameters: { display_text: "Track", url: "https://example.com/t/1" } },
        },
      },
    ];
    for (const m of messages) {
      const r = await wa.sendMessage(PN, m);
      expect(r.messaging_product).toBe("whatsapp");
      expect(r.contacts).toEqual([{ input: to, wa_id: digitsOf(to) }]);
      expect(r.messages[0]?.id).toMatch(/^wamid\./);
      expect(r.messages[0]?.message_status).toBeUndefined();
      const logged = emu.state.messages.get(r.messages[0]!.id)!;
      expect(logged.type).toBe(m.type);
      expect(logged.body[m.type]).toEqual((m as unknown as Record<string, unknown>)[m.type]);
    }
    const last = [...emu.state.messages.values()].filter((m) => m.waId === digitsOf(to));
    expect(last.find((m) => m.body.context)?.body.context).toEqual({ message_id: inbound.id });
  });

  it("sends templates with body, header and button parameters (message_status accepted)", async () => {
    const to = freshRecipient();
    const r = await wa.sendMessage(PN, {
      to,
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "A-1001" },
            ],
          },
        ],
      },
    });
    expect(r.messages[0]).toMatchObject({ message_status: "accepted" });
    const r2 = await wa.sendMessage(PN, {
      to,
      type: "template",
      template: {
        name: "spring_sale",
        language: { code: "es" },
        components: [
          {
            type: "header",
            parameters: [{ type: "image", image: { link: "https://example.com/sale.jpg" } }],
          },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "20" },
            ],
          },
          {
            type: "button",
            sub_type: "quick_reply",
            index: "0",
            parameters: [{ type: "payload", payload: "STOP" }],
          },
        ],
      },
    });
    expect(r2.messages[0]?.id).toMatch(/^wamid\./);
    // template to a user with no open window: delivered normally, billable
    const events = await hook.waitFor((ev) =>
      ev.some((e) => e.kind === "status" && e.messageId === r2.messages[0]!.id && e.status === "delivered"),
    );
    const sent = events.find(
      (e): e is StatusEvent =>
        e.kind === "status" && e.messageId === r2.messages[0]!.id && e.status === "sent",
    );
    expect(sent?.pricing).toEqual({
      billable: true,
      pricing_model: "PMP",
      category: "marketing",
      type: "regular",
    });
  });

  it("markAsRead", async () => {
    const to = freshRecipient();
    const inbound = emu.injectInbound({ from: to, to: PN, text: "read me" });
    await expect(wa.markAsRead(PN, inbound.id)).resolves.toEqual({ success: true });
  });
});

describe("errors", () => {
  it("190 on a bad token: 401 OAuthException, not retried", async () => {
    const bad = createWhatsAppClient({
      baseUrl: emu.url,
      accessToken: "nope",
      retry: { attempts: 4, baseDelayMs: 5 },
    });
    const before = emu.state.stats.graphRequests;
    const err = await caught(
      bad.sendMessage(PN, { to: freshRecipient(), type: "text", text: { body: "x" } }),
    );
    await bad.close();
    expect(err).toMatchObject({
      httpStatus: 401,
      code: 190,
      type: "OAuthException",
      retryable: false,
      attempts: 1,
    });
    expect(err.fbtraceId).toMatch(/^A/);
    expect(emu.state.stats.graphRequests - before).toBe(1);
  });

  it("100 invalid parameter and unknown object (subcode 33)", async () => {
    const err = await caught(
      wa.sendMessage(PN, { type: "text", text: { body: "x" } } as unknown as OutboundMessage),
    );
    expect(err).toMatchObject({ httpStatus: 400, code: 100, retryable: false });
    const err2 = await caught(
      wa.sendMessage("123", { to: freshRecipient(), type: "text", text: { body: "x" } }),
    );
    expect(err2).toMatchObject({ code: 100, subcode: 33 });
  });

  it("131009 / 131008 / 131051 parameter errors with details", async () => {
    const to = freshRecipient();
    const buttons = [1, 2, 3, 4].map((i) => ({
      type: "reply" as const,
      reply: { id: `b${i}`, title: `B${i}` },
    }));
    const err = await caught(
      wa.sendMessage(PN, {
        to,
        type: "interactive",
        interactive: { type: "button", body: { text: "x" }, action: { buttons } },
      }),
    );
    expect(err).toMatchObject({ code: 131009, retryable: false });
    expect(err.details).toContain("Buttons");
    const err2 = await caught(
      wa.sendMessage(PN, { to, type: "image", image: {} } as unknown as OutboundMessage),
    );
    expect(err2.code).toBe(131008);
    const err3 = await caught(wa.sendMessage(PN, { to, type: "poll" } as unknown as OutboundMessage));
    expect(err3.code).toBe(131051);
    const err4 = await caught(wa.sendMessage(PN, { to, type: "image", image: { id: "404404" } }));
    expect(err4.code).toBe(100);
  });

  it("131047: free-form outside the 24h window is accepted, then fails by webhook (Meta's behaviour)", async () => {
    const to = freshRecipient();
    const r = await wa.sendMessage(PN, { to, type: "text", text: { body: "late" } });
    const id = r.messages[0]!.id;
    const ev = await hook.waitFor((e) => e.some((x) => x.kind === "status" && x.messageId === id));
    const st = ev.filter((x): x is StatusEvent => x.kind === "status" && x.messageId === id);
    expect(st.map((s) => s.status)).toEqual(["failed"]);
    expect(st[0]?.errors[0]).toMatchObject({ code: 131047, title: "Re-engagement message" });
  });

  it("131047 synchronous mode is not retried", async () => {
    emu.setConfig({ recipientErrorMode: "sync" });
    const before = emu.state.stats.graphRequests;
    const err = await caught(
      wa.sendMessage(PN, { to: freshRecipient(), type: "text", text: { body: "late" } }),
    );
    expect(err).toMatchObject({ code: 131047, httpStatus: 400, retryable: false, attempts: 1 });
    expect(emu.state.stats.graphRequests - before).toBe(1);
  });

  it("131026: recipient not on WhatsApp fails by webhook; sync mode is not retried", async () => {
    const to = "+999 555 0000";
    emu.injectInbound({ from: to, to: PN, text: "x" });
    const r = await wa.sendMessage(PN, { to, type: "text", text: { body: "hi" } });
    const id = r.messages[0]!.id;
    const ev = await hook.waitFor((e) => e.some((x) => x.kind === "status" && x.messageId === id));
    const st = ev.find((x): x is StatusEvent => x.kind === "status" && x.messageId === id);
    expect(st).toMatchObject({ status: "failed", errors: [{ code: 131026 }] });

    emu.setConfig({ recipientErrorMode: "sync" });
    const before = emu.state.stats.graphRequests;
    const err = await caught(wa.sendMessage(PN, { to, type: "text", text: { body: "hi" } }));
    expect(err).toMatchObject({ code: 131026, retryable: false, attempts: 1 });
    expect(emu.state.stats.graphRequests - before).toBe(1);
  });

  it("130429 throughput limit is retried with backoff until it passes", async () => {
    emu.setConfig({ throughputPerSecond: 5 });
    const to = freshRecipient();
    emu.injectInbound({ from: to, to: PN, text: "x" });
    const limited0 = emu.state.stats.rateLimited;
    const patient = createWhatsAppClient({
      baseUrl: emu.url,
      accessToken: DEFAULT_ACCESS_TOKEN,
      retry: { attempts: 10, baseDelayMs: 100, maxDelayMs: 800 },
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        patient.sendMessage(PN, { to, type: "text", text: { body: `m${i}` } }),
      ),
    );
    await patient.close();
    expect(results.every((r) => r.messages[0]?.id.startsWith("wamid."))).toBe(true);
    expect(emu.state.stats.rateLimited).toBeGreaterThan(limited0);
  });

  it("130429 surfaces as a retryable error when attempts are exhausted", async () => {
    emu.setConfig({ throughputPerSecond: 1 });
    const to = freshRecipient();
    emu.injectInbound({ from: to, to: PN, text: "x" });
    const once = createWhatsAppClient({
      baseUrl: emu.url,
      accessToken: DEFAULT_ACCESS_TOKEN,
      retry: { attempts: 1, baseDelayMs: 1 },
    });
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() => once.sendMessage(PN, { to, type: "text", text: { body: "x" } })),
    );
    await once.close();
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]?.reason).toMatchObject({ code: 130429, retryable: true, retryPolicy: "now" });
  });

  it("131056 pair rate limit: retryable later, not retried by the client", async () => {
    emu.setConfig({ pairRate: { burst: 2, intervalMs: 60_000 } });
    const to = freshRecipient();
    emu.injectInbound({ from: to, to: PN, text: "x" });
    await wa.sendMessage(PN, { to, type: "text", text: { body: "1" } });
    await wa.sendMessage(PN, { to, type: "text", text: { body: "2" } });
    const before = emu.state.stats.graphRequests;
    const err = await caught(wa.sendMessage(PN, { to, type: "text", text: { body: "3" } }));
    expect(err).toMatchObject({ code: 131056, retryable: true, retryPolicy: "later", attempts: 1 });
    expect(emu.state.stats.graphRequests - before).toBe(1);
    // a different recipient is not affected
    const other = freshRecipient();
    emu.injectInbound({ from: other, to: PN, text: "x" });
    await expect(wa.sendMessage(PN, { to: other, type: "text", text: { body: "1" } })).resolves.toBeTruthy();
  });

  it("5xx (131016, 131000) are retried and then succeed", async () => {
    const to = freshRecipient();
    emu.injectInbound({ from: to, to: PN, text: "x" });
    emu.setConfig({ faults: { failNext: { count: 2, code: 131016 } } });
    const before = emu.state.stats.graphRequests;
    const r = await wa.sendMessage(PN, { to, type: "text", text: { body: "x" } });
    expect(r.messages[0]?.id).toMatch(/^wamid\./);
    expect(emu.state.stats.graphRequests - before).toBe(3);

    emu.setConfig({ faults: { failNext: { count: 1, code: 131000 } } });
    await expect(wa.sendMessage(PN, { to, type: "text", text: { body: "y" } })).resolves.toBeTruthy();
  });

  it("5xx exhausting attempts throws a retryable 503 error", async () => {
    emu.setConfig({ faults: { failNext: { count: 10, code: 131016 } } });
    const err = await caught(wa.getPhoneNumber(PN));
    expect(err).toMatchObject({ httpStatus: 503, code: 131016, retryable: true, attempts: 4 });
    emu.setConfig({ faults: { failNext: null } });
  });

  it("random 5xx fault injection is absorbed by retries", async () => {
    emu.setConfig({ faults: { errorRate: 0.3 } });
    const to = freshRecipient();
    emu.injectInbound({ from: to, to: PN, text: "x" });
    const patient = createWhatsAppClient({
      baseUrl: emu.url,
      accessToken: DEFAULT_ACCESS_TOKEN,
      retry: { attempts: 12, baseDelayMs: 2 },
    });
    for (let i = 0; i < 10; i++) await patient.sendMessage(PN, { to, type: "text", text: { body: `${i}` } });
    await patient.close();
    expect(emu.state.stats.injectedErrors).toBeGreaterThan(0);
  });

  it("network errors are retried on reads; a POST that timed out is not resent (its outcome is unknown)", async () => {
    const dead = createWhatsAppClient({
      baseUrl: "http://127.0.0.1:1",
      accessToken: "x",
      retry: { attempts: 3, baseDelayMs: 5 },
    });
    const err = await caught(dead.getPhoneNumber(PN));
    await dead.close();
    expect(err).toMatchObject({ httpStatus: 0, code: null, retryable: true, attempts: 3 });

    emu.setConfig({ faults: { timeoutRate: 1, timeoutMs: 300 } });
    const impatient = createWhatsAppClient({
      baseUrl: emu.url,
      accessToken: DEFAULT_ACCESS_TOKEN,
      timeoutMs: 100,
      retry: { attempts: 2, baseDelayMs: 5 },
    });
    const err2 = await caught(
      impatient.sendMessage(PN, { to: freshRecipient(), type: "text", text: { body: "x" } }),
    );
    await impatient.close();
    expect(err2).toMatchObject({ httpStatus: 0, retryable: true, attempts: 1 });
    expect(emu.state.stats.injectedTimeouts).toBe(1);
  });

  it("template errors: 132001 unknown/unapproved/wrong language, 132000 param count, 132015 paused, 132016 disabled", async () => {
    const to = freshRecipient();
    const send = (name: string, code: string, params: string[]) =>
      wa.sendMessage(PN, {
        to,
        type: "template",
        template: {
          name,
          language: { code },
          components: [{ type: "body", parameters: params.map((text) => ({ type: "text" as const, text })) }],
        },
      });
    expect((await caught(send("nope", "en_US", []))).code).toBe(132001);
    expect((await caught(send("order_update", "pt_BR", ["a", "b"]))).code).toBe(132001);
    const e = await caught(send("order_update", "en_US", ["only-one"]));
    expect(e).toMatchObject({ code: 132000, httpStatus: 400, retryable: false });

    const created = await wa.createTemplate(WABA, {
      name: "pending_one",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hi there" }],
    });
    emu.setConfig({ templateReview: { delayMs: 60_000 } });
    const created2 = await wa.createTemplate(WABA, {
      name: "still_pending",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hi there" }],
    });
    emu.setConfig({ templateReview: { delayMs: 30 } });
    expect(created2.status).toBe("PENDING");
    const e2 = await caught(send("still_pending", "en_US", []));
    expect(e2).toMatchObject({ code: 132001, httpStatus: 404 });

    await hook.waitFor((ev) => ev.some((x) => x.kind === "template_status" && x.templateId === created.id));
    await expect(send("pending_one", "en_US", [])).resolves.toBeTruthy();
    await fetch(`${emu.url}/_emulator/templates/${created.id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "PAUSED", reason: "LOW_QUALITY" }),
    });
    expect((await caught(send("pending_one", "en_US", []))).code).toBe(132015);
    await fetch(`${emu.url}/_emulator/templates/${created.id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "DISABLED" }),
    });
    expect((await caught(send("pending_one", "en_US", []))).code).toBe(132016);
  });

  it("133010 sending from an unregistered number", async () => {
    const err = await caught(
      wa.sendMessage(PN_UNREGISTERED, { to: freshRecipient(), type: "text", text: { body: "x" } }),
    );
    expect(err).toMatchObject({ code: 133010, retryable: false });
  });
});

describe("media", () => {
  it("upload, get URL, download, delete", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    const { id } = await wa.uploadMedia(PN, { file: bytes, mimeType: "image/jpeg", filename: "a.jpg" });
    expect(id).toMatch(/^\d+$/);
    const meta = await wa.getMediaUrl(id, { phoneNumberId: PN });
    expect(meta).toMatchObject({
      messaging_product: "whatsapp",
      id,
      mime_type: "image/jpeg",
      file_size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(meta.url).toContain("/whatsapp_business/attachments/");
    const dl = await wa.downloadMedia(id);
    expect(dl.data.equals(bytes)).toBe(true);
    expect(dl.mimeType).toBe("image/jpeg");
    const dl2 = await wa.downloadMedia(meta.url);
    expect(dl2.data.equals(bytes)).toBe(true);
    await expect(wa.deleteMedia(id)).resolves.toEqual({ success: true });
    expect((await caught(wa.getMediaUrl(id))).code).toBe(100);
  });

  it("downloads inbound media sent by a user", async () => {
    const r = emu.injectInbound({
      from: freshRecipient(),
      to: PN,
      image: { data: Buffer.from("img").toString("base64"), caption: "look" },
    });
    const mediaId = (r.message.image as { id: string }).id;
    const dl = await wa.downloadMedia(mediaId);
    expect(dl.data.toString()).toBe("img");
  });
});

describe("templates", () => {
  it("create -> PENDING -> APPROVED webhook; list with filters; delete", async () => {
    const created = await wa.createTemplate(WABA, {
      name: "shipping_notice",
      language: "es_MX",
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: "Envío" },
        { type: "BODY", text: "Hola {{1}}, tu pedido {{2}} salió.", example: { body_text: [["Ana", "A1"]] } },
        { type: "FOOTER", text: "Charla" },
        {
          type: "BUTTONS",
          buttons: [{ type: "URL", text: "Rastrear", url: "https://example.com/t/{{1}}", example: ["x"] }],
        },
      ],
    });
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), status: "PENDING", category: "UTILITY" });
    const ev = await hook.waitFor((e) =>
      e.some((x) => x.kind === "template_status" && x.templateId === created.id),
    );
    const st = ev.find(
      (x): x is TemplateStatusEvent => x.kind === "template_status" && x.templateId === created.id,
    );
    expect(st).toMatchObject({
      event: "APPROVED",
      templateName: "shipping_notice",
      language: "es_MX",
      reason: "NONE",
    });

    const list = await wa.listTemplates(WABA, { name: "shipping_notice", status: "APPROVED" });
    expect(list.data.map((t) => t.id)).toEqual([created.id]);
    const page = await wa.listTemplates(WABA, { limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.paging?.cursors?.after).toBeTruthy();
    const page2 = await wa.listTemplates(WABA, { limit: 1, after: page.paging!.cursors!.after! });
    expect(page2.data[0]?.id).not.toBe(page.data[0]?.id);
    const fields = await wa.listTemplates(WABA, { name: "shipping_notice", fields: ["name", "status"] });
    expect(fields.data[0]).toEqual({ id: created.id, name: "shipping_notice", status: "APPROVED" });

    // URL button with a variable requires a button parameter
    const to = freshRecipient();
    const err = await caught(
      wa.sendMessage(PN, {
        to,
        type: "template",
        template: {
          name: "shipping_notice",
          language: { code: "es_MX" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Ana" },
                { type: "text", text: "A1" },
              ],
            },
          ],
        },
      }),
    );
    expect(err.code).toBe(131008);
    await expect(
      wa.sendMessage(PN, {
        to,
        type: "template",
        template: {
          name: "shipping_notice",
          language: { code: "es_MX" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Ana" },
                { type: "text", text: "A1" },
              ],
            },
            { type: "button", sub_type: "url", index: 0, parameters: [{ type: "text", text: "A1" }] },
          ],
        },
      }),
    ).resolves.toBeTruthy();

    expect(
      (await caught(wa.createTemplate(WABA, { ...createdDef(), name: "shipping_notice", language: "es_MX" })))
        .code,
    ).toBe(100);
    await expect(wa.deleteTemplate(WABA, "shipping_notice")).resolves.toEqual({ success: true });
    expect((await wa.listTemplates(WABA, { name: "shipping_notice" })).data).toEqual([]);
    expect((await caught(wa.deleteTemplate(WABA, "shipping_notice"))).code).toBe(100);
  });

  it("banned words are REJECTED with a reason", async () => {
    const created = await wa.createTemplate(WABA, {
      ...createdDef(),
      name: "free_money",
      components: [{ type: "BODY", text: "Not a scam, promise" }],
    });
    const ev = await hook.waitFor((e) =>
      e.some((x) => x.kind === "template_status" && x.templateId === created.id),
    );
    const st = ev.find(
      (x): x is TemplateStatusEvent => x.kind === "template_status" && x.templateId === created.id,
    );
    expect(st).toMatchObject({ event: "REJECTED", reason: "ABUSIVE_CONTENT" });
    const [t] = (await wa.listTemplates(WABA, { name: "free_money" })).data;
    expect(t).toMatchObject({ status: "REJECTED", rejected_reason: "ABUSIVE_CONTENT" });
  });

  it("edits: a rejected one goes back to review; an approved one keeps its category and gets one edit a day", async () => {
    const statusOf = async (id: string, event: string) =>
      hook.waitFor((e) =>
        e.some((x) => x.kind === "template_status" && x.templateId === id && x.event === event),
      );
    const rejected = await wa.createTemplate(WABA, {
      ...createdDef(),
      name: "edit_me",
      components: [{ type: "BODY", text: "Not a scam" }],
    });
    await statusOf(rejected.id, "REJECTED");
    expect(
      await wa.editTemplate(rejected.id, { components: [{ type: "BODY", text: "Your order shipped" }] }),
    ).toEqual({
      success: true,
    });
    await statusOf(rejected.id, "APPROVED");
    const [edited] = (await wa.listTemplates(WABA, { name: "edit_me" })).data;
    expect(edited).toMatchObject({
      id: rejected.id,
      status: "APPROVED",
      components: [{ text: "Your order shipped" }],
    });

    const category = await caught(wa.editTemplate(rejected.id, { category: "UTILITY" }));
    expect(category).toMatchObject({ code: 100, subcode: 2593108 });
    expect(
      await wa.editTemplate(rejected.id, { components: [{ type: "BODY", text: "Your order left" }] }),
    ).toEqual({
      success: true,
    });
    // Now PENDING: not editable; and once approved again, a second edit within 24 hours is refused.
    expect(
      await caught(wa.editTemplate(rejected.id, { components: [{ type: "BODY", text: "x" }] })),
    ).toMatchObject({
      code: 100,
      subcode: 2593107,
    });
    await hook.waitFor(
      (e) =>
        e.filter(
          (x) => x.kind === "template_status" && x.templateId === rejected.id && x.event === "APPROVED",
        ).length >= 2,
    );
    expect(
      await caught(wa.editTemplate(rejected.id, { components: [{ type: "BODY", text: "y" }] })),
    ).toMatchObject({
      code: 100,
      subcode: 2593109,
    });
    expect(await caught(wa.editTemplate("999999999", { components: [] }))).toMatchObject({
      code: 100,
      subcode: 33,
    });
  });

  it("rejects invalid names", async () => {
    expect((await caught(wa.createTemplate(WABA, { ...createdDef(), name: "Bad Name" }))).code).toBe(100);
  });
});

function createdDef() {
  return {
    name: "x",
    language: "en_US",
    category: "MARKETING" as const,
    components: [{ type: "BODY" as const, text: "Hello" }],
  };
}

describe("phone numbers and business profile", () => {
  it("lists and reads phone numbers", async () => {
    const list = await wa.getPhoneNumbers(WABA);
    expect(list.data.map((p) => p.id)).toEqual(DEFAULT_WABAS[0]!.phoneNumbers.map((p) => p.id));
    const p = await wa.getPhoneNumber(PN);
    expect(p).toMatchObject({
      id: PN,
      display_phone_number: DEFAULT_WABAS[0]!.phoneNumbers[0]!.displayPhoneNumber,
      quality_rating: "GREEN",
      code_verification_status: "VERIFIED",
      platform_type: "CLOUD_API",
    });
    expect(await wa.getPhoneNumber(PN, ["display_phone_number"])).toEqual({
      id: PN,
      display_phone_number: DEFAULT_WABAS[0]!.phoneNumbers[0]!.displayPhoneNumber,
    });
    expect((await caught(wa.getPhoneNumbers("999"))).code).toBe(100);
  });

  it("request_code, verify_code, register, then send", async () => {
    expect((await caught(wa.registerPhoneNumber(PN_UNREGISTERED, { pin: "123456" }))).code).toBe(133006);
    await expect(wa.requestCode(PN_UNREGISTERED, { code_method: "SMS", language: "en_US" })).resolves.toEqual(
      { success: true },
    );
    expect((await caught(wa.verifyCode(PN_UNREGISTERED, "000000"))).code).toBe(136025);
    await expect(wa.verifyCode(PN_UNREGISTERED, "123456")).resolves.toEqual({ success: true });
    expect((await caught(wa.registerPhoneNumber(PN_UNREGISTERED, { pin: "12" }))).code).toBe(100);
    await expect(wa.registerPhoneNumber(PN_UNREGISTERED, { pin: "654321" })).resolves.toEqual({
      success: true,
    });
    expect((await caught(wa.registerPhoneNumber(PN_UNREGISTERED, { pin: "111111" }))).code).toBe(133005);
    expect(await wa.getPhoneNumber(PN_UNREGISTERED)).toMatchObject({
      code_verification_status: "VERIFIED",
      status: "CONNECTED",
    });
    const to = freshRecipient();
    await expect(
      wa.sendMessage(PN_UNREGISTERED, {
        to,
        type: "template",
        template: {
          name: "hello_world",
          language: { code: "en_US" },
          components: [{ type: "header", parameters: [] }],
        },
      }),
    ).resolves.toBeTruthy();
    await expect(wa.deregisterPhoneNumber(PN_UNREGISTERED)).resolves.toEqual({ success: true });
  });

  it("business profile get and update", async () => {
    const p = await wa.getBusinessProfile(PN);
    expect(p).toMatchObject({ about: "Charla demo business", messaging_product: "whatsapp" });
    await expect(
      wa.updateBusinessProfile(PN, {
        about: "Updated",
        websites: ["https://charla.example"],
        vertical: "RETAIL",
      }),
    ).resolves.toEqual({ success: true });
    expect(await wa.getBusinessProfile(PN, ["about", "websites"])).toEqual({
      about: "Updated",
      websites: ["https://charla.example"],
      messaging_product: "whatsapp",
    });
    expect((await caught(wa.updateBusinessProfile(PN, { about: "" }))).code).toBe(100);
  });
});
