import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { InboundMessageEvent, StatusEvent } from "./types.ts";
import {
  parseWebhook,
  signPayload,
  verifyHandshake,
  verifySignature,
  WebhookPayloadError,
} from "./webhook.ts";

const SECRET = "charla-test-secret";
const BODY = '{"object":"whatsapp_business_account","entry":[]}';
// Computed once with an independent HMAC-SHA256 implementation (Python hmac) for SECRET and BODY.
const BODY_SIG = "sha256=37a1f90132d571b8a89773fa9a1dc7dcb716980738a2f955ecabacf67da40dd6";

describe("verifySignature", () => {
  it("accepts the hard-coded vector", () => {
    expect(verifySignature(BODY, BODY_SIG, SECRET)).toBe(true);
    expect(verifySignature(Buffer.from(BODY), BODY_SIG, SECRET)).toBe(true);
    expect(signPayload(BODY, SECRET)).toBe(BODY_SIG);
  });

  it("accepts the RFC-style 'quick brown fox' vector", () => {
    const sig = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
    expect(verifySignature("The quick brown fox jumps over the lazy dog", sig, "key")).toBe(true);
  });

  it("matches an independently computed HMAC over raw bytes (incl. non-ASCII)", () => {
    const raw = Buffer.from('{"text":"¡hola, señor! 👋"}', "utf8");
    const expected = `sha256=${createHmac("sha256", SECRET).update(raw).digest("hex")}`;
    expect(verifySignature(raw, expected, SECRET)).toBe(true);
    expect(verifySignature(raw, expected.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toBe(true);
  });

  it("rejects wrong secret, tampered body, missing/malformed headers and bad lengths", () => {
    expect(verifySignature(BODY, BODY_SIG, "other-secret")).toBe(false);
    expect(verifySignature(`${BODY} `, BODY_SIG, SECRET)).toBe(false);
    expect(verifySignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifySignature(BODY, "", SECRET)).toBe(false);
    expect(verifySignature(BODY, BODY_SIG.replace("sha256=", "sha1="), SECRET)).toBe(false);
    expect(verifySignature(BODY, BODY_SIG.slice(0, -2), SECRET)).toBe(false);
    expect(verifySignature(BODY, `${BODY_SIG}00`, SECRET)).toBe(false);
    expect(verifySignature(BODY, `sha256=${"zz".repeat(32)}`, SECRET)).toBe(false);
  });
});

describe("verifyHandshake", () => {
  it("returns the challenge for subscribe with the right token", () => {
    expect(
      verifyHandshake(
        { "hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "1158201444" },
        "tok",
      ),
    ).toBe("1158201444");
    const qs = new URLSearchParams("hub.mode=subscribe&hub.verify_token=tok&hub.challenge=42");
    expect(verifyHandshake(qs, "tok")).toBe("42");
  });

  it("returns null otherwise", () => {
    expect(
      verifyHandshake({ "hub.mode": "subscribe", "hub.verify_token": "bad", "hub.challenge": "1" }, "tok"),
    ).toBe(null);
    expect(
      verifyHandshake({ "hub.mode": "unsubscribe", "hub.verify_token": "tok", "hub.challenge": "1" }, "tok"),
    ).toBe(null);
    expect(verifyHandshake({ "hub.mode": "subscribe", "hub.verify_token": "tok" }, "tok")).toBe(null);
    expect(verifyHandshake({}, "tok")).toBe(null);
  });
});

const meta = { display_phone_number: "15550100001", phone_number_id: "110000000000001" };
const wrap = (field: string, value: unknown, extra: Record<string, unknown> = {}) => ({
  object: "whatsapp_business_account",
  entry: [{ id: "100000000000001", ...extra, changes: [{ field, value }] }],
});
const inbound = (message: Record<string, unknown>) =>
  wrap("messages", {
    messaging_product: "whatsapp",
    metadata: meta,
    contacts: [{ profile: { name: "Ana" }, wa_id: "5215512345678" }],
    messages: [{ from: "5215512345678", id: "wamid.IN1", timestamp: "1732500000", ...message }],
  });

function one<T>(body: unknown): T {
  const ev = parseWebhook(body);
  expect(ev).toHaveLength(1);
  return ev[0] as T;
}

describe("parseWebhook: inbound messages", () => {
  it("text, with profile name, metadata and reply context", () => {
    const e = one<InboundMessageEvent>(
      inbound({ type: "text", text: { body: "hola" }, context: { from: "15550100001", id: "wamid.OUT1" } }),
    );
    expect(e).toMatchObject({
      kind: "message",
      id: "wamid.IN1",
      from: "5215512345678",
      profileName: "Ana",
      timestamp: 1732500000,
      type: "text",
      content: { kind: "text", body: "hola" },
      context: { id: "wamid.OUT1" },
      metadata: {
        wabaId: "100000000000001",
        phoneNumberId: "110000000000001",
        displayPhoneNumber: "15550100001",
      },
    });
  });

  it.each(["image", "audio", "video", "document", "sticker"] as const)("%s media", (t) => {
    const media = { id: "77", mime_type: "x/y", sha256: "abc", caption: "c", filename: "f.pdf" };
    const e = one<InboundMessageEvent>(inbound({ type: t, [t]: media }));
    expect(e.content).toMatchObject({ kind: "media", mediaType: t, media: { id: "77", mime_type: "x/y" } });
  });

  it("location, contacts, reaction, order", () => {
    expect(
      one<InboundMessageEvent>(
        inbound({ type: "location", location: { latitude: 19.4, longitude: -99.1, name: "CDMX" } }),
      ).content,
    ).toEqual({ kind: "location", latitude: 19.4, longitude: -99.1, name: "CDMX", address: undefined });
    const contacts = [{ name: { formatted_name: "Bob" }, phones: [{ phone: "+1 555" }] }];
    expect(one<InboundMessageEvent>(inbound({ type: "contacts", contacts })).content).toEqual({
      kind: "contacts",
      contacts,
    });
    expect(
      one<InboundMessageEvent>(
        inbound({ type: "reaction", reaction: { message_id: "wamid.X", emoji: "👍" } }),
      ).content,
    ).toEqual({ kind: "reaction", messageId: "wamid.X", emoji: "👍" });
    const order = { catalog_id: "1", product_items: [{ product_retailer_id: "sku", quantity: 1 }] };
    expect(one<InboundMessageEvent>(inbound({ type: "order", order })).content).toEqual({
      kind: "order",
      order,
    });
  });

  it("interactive button_reply, list_reply and template quick-reply button", () => {
    expect(
      one<InboundMessageEvent>(
        inbound({
          type: "interactive",
          interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } },
        }),
      ).content,
    ).toEqual({ kind: "button_reply", id: "yes", title: "Yes" });
    expect(
      one<InboundMessageEvent>(
        inbound({
          type: "interactive",
          interactive: { type: "list_reply", list_reply: { id: "r1", title: "Row", description: "d" } },
        }),
      ).content,
    ).toEqual({ kind: "list_reply", id: "r1", title: "Row", description: "d" });
    expect(
      one<InboundMessageEvent>(
        inbound({ type: "button", button: { payload: "STOP", text: "Stop promotions" } }),
      ).content,
    ).toEqual({ kind: "button", payload: "STOP", text: "Stop promotions" });
  });

  it("unsupported with errors", () => {
    const e = one<InboundMessageEvent>(
      inbound({
        type: "unsupported",
        errors: [
          {
            code: 131051,
            title: "Message type unknown",
            error_data: { details: "Message type is not supported" },
          },
        ],
      }),
    );
    expect(e.content).toEqual({
      kind: "unsupported",
      errors: [
        {
          code: 131051,
          title: "Message type unknown",
          message: undefined,
          details: "Message type is not supported",
          href: undefined,
        },
      ],
    });
  });
});

describe("parseWebhook: statuses", () => {
  const status = (s: Record<string, unknown>) =>
    wrap("messages", {
      messaging_product: "whatsapp",
      metadata: meta,
      statuses: [{ id: "wamid.OUT1", timestamp: "1732500001", recipient_id: "5215512345678", ...s }],
    });

  it("sent with conversation and PMP pricing", () => {
    const e = one<StatusEvent>(
      status({
        status: "sent",
        conversation: { id: "c1", expiration_timestamp: "1732586400", origin: { type: "utility" } },
        pricing: { billable: true, pricing_model: "PMP", category: "utility", type: "regular" },
        biz_opaque_callback_data: "trk-1",
      }),
    );
    expect(e).toMatchObject({
      kind: "status",
      messageId: "wamid.OUT1",
      status: "sent",
      timestamp: 1732500001,
      recipientId: "5215512345678",
      conversation: { id: "c1", expirationTimestamp: 1732586400, originType: "utility" },
      pricing: { billable: true, pricing_model: "PMP", category: "utility", type: "regular" },
      errors: [],
      bizOpaqueCallbackData: "trk-1",
    });
  });

  it("delivered with legacy CBP pricing (no type) and read without pricing", () => {
    const d = one<StatusEvent>(
      status({
        status: "delivered",
        pricing: { billable: false, pricing_model: "CBP", category: "service" },
      }),
    );
    expect(d.pricing).toEqual({
      billable: false,
      pricing_model: "CBP",
      category: "service",
      type: undefined,
    });
    const r = one<StatusEvent>(status({ status: "read" }));
    expect(r.status).toBe("read");
    expect(r.pricing).toBeUndefined();
  });

  it("failed with errors (131047 / 131026)", () => {
    const e = one<StatusEvent>(
      status({
        status: "failed",
        errors: [
          {
            code: 131047,
            title: "Re-engagement message",
            message: "Re-engagement message",
            error_data: { details: "More than 24 hours have passed" },
            href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
          },
        ],
      }),
    );
    expect(e.status).toBe("failed");
    expect(e.errors[0]).toMatchObject({ code: 131047, details: "More than 24 hours have passed" });
  });

  it("batched messages and statuses in one payload keep order", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: meta,
                statuses: [
                  { id: "a", status: "sent", timestamp: "1", recipient_id: "5" },
                  { id: "a", status: "delivered", timestamp: "2", recipient_id: "5" },
                ],
              },
            },
          ],
        },
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: meta,
                messages: [{ from: "5", id: "b", timestamp: "3", type: "text", text: { body: "x" } }],
              },
            },
          ],
        },
      ],
    };
    expect(parseWebhook(body).map((e) => e.kind)).toEqual(["status", "status", "message"]);
  });
});

describe("parseWebhook: account-level fields", () => {
  it.each(["APPROVED", "REJECTED", "PAUSED", "DISABLED", "PENDING_DELETION"])(
    "template status %s",
    (event) => {
      const e = one(
        wrap(
          "message_template_status_update",
          {
            event,
            message_template_id: 901234567890,
            message_template_name: "order_update",
            message_template_language: "en_US",
            reason: event === "REJECTED" ? "ABUSIVE_CONTENT" : "NONE",
          },
          { time: 1732500000 },
        ),
      );
      expect(e).toEqual({
        kind: "template_status",
        wabaId: "100000000000001",
        event,
        templateId: "901234567890",
        templateName: "order_update",
        language: "en_US",
        reason: event === "REJECTED" ? "ABUSIVE_CONTENT" : "NONE",
        time: 1732500000,
      });
    },
  );

  it("phone number quality update (current_limit and messaging_limit_tier)", () => {
    expect(
      one(
        wrap("phone_number_quality_update", {
          display_phone_number: "15550100001",
          event: "UPGRADE",
          current_limit: "TIER_10K",
        }),
      ),
    ).toMatchObject({ kind: "phone_number_quality", event: "UPGRADE", currentLimit: "TIER_10K" });
    expect(
      one(
        wrap("phone_number_quality_update", {
          display_phone_number: "15550100001",
          event: "FLAGGED",
          messaging_limit_tier: "TIER_2K",
        }),
      ),
    ).toMatchObject({ event: "FLAGGED", currentLimit: "TIER_2K" });
  });

  it("phone number quality update in Meta's 2026 shape (max_daily_conversations_per_business, no current_limit)", () => {
    expect(
      one(
        wrap("phone_number_quality_update", {
          display_phone_number: "15550100001",
          event: "THROUGHPUT_UPGRADE",
          max_daily_conversations_per_business: "TIER_UNLIMITED",
        }),
      ),
    ).toMatchObject({
      kind: "phone_number_quality",
      event: "THROUGHPUT_UPGRADE",
      currentLimit: "TIER_UNLIMITED",
    });
    // During the changeover both may come: the new field wins.
    expect(
      one(
        wrap("phone_number_quality_update", {
          display_phone_number: "15550100001",
          event: "UPGRADE",
          current_limit: "TIER_1K",
          max_daily_conversations_per_business: "TIER_2K",
        }),
      ),
    ).toMatchObject({ currentLimit: "TIER_2K" });
  });

  it("template quality update", () => {
    expect(
      one(
        wrap("message_template_quality_update", {
          previous_quality_score: "GREEN",
          new_quality_score: "YELLOW",
          message_template_id: 987,
          message_template_name: "order_update",
          message_template_language: "en_US",
        }),
      ),
    ).toMatchObject({
      kind: "template_quality",
      templateId: "987",
      templateName: "order_update",
      language: "en_US",
      previousScore: "GREEN",
      newScore: "YELLOW",
    });
  });

  it("value-level errors and unknown fields", () => {
    expect(
      one(
        wrap("messages", {
          messaging_product: "whatsapp",
          metadata: meta,
          errors: [{ code: 131000, title: "x" }],
        }),
      ),
    ).toMatchObject({ kind: "errors", errors: [{ code: 131000 }] });
    expect(one(wrap("account_update", { event: "VERIFIED_ACCOUNT" }))).toMatchObject({
      kind: "other",
      field: "account_update",
    });
  });
});

describe("parseWebhook: invalid bodies", () => {
  const bad: [string, unknown][] = [
    ["null", null],
    ["string garbage", "not json"],
    ["array", []],
    ["wrong object", { object: "page", entry: [] }],
    ["empty entry", { object: "whatsapp_business_account", entry: [] }],
    ["entry without changes", { object: "whatsapp_business_account", entry: [{ id: "1" }] }],
    ["messages without metadata", wrap("messages", { messaging_product: "whatsapp", messages: [] })],
    ["message without id", inbound({ id: undefined, type: "text", text: { body: "x" } })],
    ["text without text", inbound({ type: "text" })],
    ["image without image", inbound({ type: "image" })],
    ["button_reply without reply", inbound({ type: "interactive", interactive: { type: "button_reply" } })],
    ["bad timestamp", inbound({ type: "text", text: { body: "x" }, timestamp: "yesterday" })],
    [
      "timestamp past any real date",
      inbound({ type: "text", text: { body: "x" }, timestamp: "99999999999999" }),
    ],
    ["numeric timestamp past any real date", inbound({ type: "text", text: { body: "x" }, timestamp: 1e20 })],
    [
      "unknown status",
      wrap("messages", {
        messaging_product: "whatsapp",
        metadata: meta,
        statuses: [{ id: "a", status: "teleported", timestamp: "1", recipient_id: "5" }],
      }),
    ],
    [
      "template update without name",
      wrap("message_template_status_update", { event: "APPROVED", message_template_id: 1 }),
    ],
    ["quality update without event", wrap("phone_number_quality_update", { display_phone_number: "1" })],
    [
      "template quality update without a score",
      wrap("message_template_quality_update", {
        message_template_id: 1,
        message_template_name: "x",
        message_template_language: "en",
      }),
    ],
  ];
  it.each(bad)("%s -> WebhookPayloadError", (_name, body) => {
    expect(() => parseWebhook(body)).toThrow(WebhookPayloadError);
  });

  it("reports issue paths", () => {
    try {
      parseWebhook(inbound({ type: "text", text: { body: 5 } }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(WebhookPayloadError);
      expect((err as WebhookPayloadError).issues[0]?.path).toContain(
        "entry.0.changes.0.value.messages.0.text.body",
      );
    }
  });

  it("accepts a JSON string or Buffer body", () => {
    const body = JSON.stringify(inbound({ type: "text", text: { body: "hi" } }));
    expect(parseWebhook(body)).toHaveLength(1);
    expect(parseWebhook(Buffer.from(body))).toHaveLength(1);
  });
});
