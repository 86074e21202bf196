/**
 * Webhooks from the Cloud API: verification handshake, X-Hub-Signature-256 verification,
 * and payload parsing into normalized events.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import type {
  DeliveryStatus,
  InboundContent,
  InboundMessageEvent,
  MediaType,
  StatusEvent,
  WebhookError,
  WebhookEvent,
  WebhookMetadata,
} from "./types.ts";

/** Thrown by parseWebhook for a body that is not a valid Cloud API webhook: answer 400, store nothing. */
export class WebhookPayloadError extends Error {
  override readonly name = "WebhookPayloadError";
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.issues = issues;
  }
}

// ---------------------------------------------------------------------------
// Handshake and signature

/**
 * GET handshake: returns `hub.challenge` when mode is "subscribe" and the token matches,
 * otherwise null (answer 403).
 */
export function verifyHandshake(
  query: Record<string, unknown> | URLSearchParams,
  verifyToken: string,
): string | null {
  const get = (k: string): unknown => (query instanceof URLSearchParams ? query.get(k) : query[k]);
  const mode = get("hub.mode");
  const token = get("hub.verify_token");
  const challenge = get("hub.challenge");
  if (mode !== "subscribe" || typeof token !== "string" || typeof challenge !== "string") return null;
  if (!safeEqual(token, verifyToken)) return null;
  return challenge;
}

/** `sha256=<hex>` for a body, as Meta computes X-Hub-Signature-256. */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

/** Verifies X-Hub-Signature-256 against the raw request body (constant-time comparison). */
export function verifySignature(
  rawBody: Buffer | string,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const hex = header.slice("sha256=".length).trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ba.length !== bb.length) return false;
  return timingSafeEqual(ba, bb);
}

import {
  envelope,
  messagesValue,
  qualityValue,
  type rawError,
  type rawMessage,
  templateQualityValue,
  templateStatusValue,
} from "./webhook-schemas.ts";

// ---------------------------------------------------------------------------
// Parsing

function toIssues(err: z.ZodError, prefix: string): { path: string; message: string }[] {
  return err.issues.map((i) => ({
    path: [prefix, ...i.path.map((p) => String(p))].filter(Boolean).join("."),
    message: i.message,
  }));
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new WebhookPayloadError(`Invalid webhook payload at ${path}`, toIssues(r.error, path));
  }
  return r.data;
}

function normError(e: z.infer<typeof rawError>): WebhookError {
  return {
    code: e.code,
    title: e.title,
    message: e.message,
    details: e.error_data?.details,
    href: e.href,
  };
}

const MEDIA_TYPES: readonly MediaType[] = ["image", "audio", "video", "document", "sticker"];

function inboundContent(m: z.infer<typeof rawMessage>, path: string): InboundContent {
  const missing = (field: string): never => {
    throw new WebhookPayloadError(`Invalid webhook payload at ${path}: type ${m.type} without ${field}`, [
      { path: `${path}.${field}`, message: "Required" },
    ]);
  };
  switch (m.type) {
    case "text":
      return { kind: "text", body: m.text?.body ?? missing("text") };
    case "image":
    case "audio":
    case "video":
    case "document":
    case "sticker": {
      const mediaType = m.type as MediaType;
      const media = m[mediaType] ?? missing(mediaType);
      return {
        kind: "media",
        mediaType,
        media: {
          id: media.id,
          mime_type: media.mime_type,
          sha256: media.sha256,
          caption: media.caption,
          filename: media.filename,
          voice: media.voice,
          animated: media.animated,
        },
      };
    }
    case "location": {
      const l = m.location ?? missing("location");
      return {
        kind: "location",
        latitude: l.latitude,
        longitude: l.longitude,
        name: l.name,
        address: l.address,
      };
    }
    case "contacts":
      return { kind: "contacts", contacts: m.contacts ?? missing("contacts") };
    case "interactive": {
      const i = m.interactive ?? missing("interactive");
      if (i.type === "button_reply") {
        const r = i.button_reply ?? missing("interactive.button_reply");
        return { kind: "button_reply", id: r.id, title: r.title };
      }
      if (i.type === "list_reply") {
        const r = i.list_reply ?? missing("interactive.list_reply");
        return { kind: "list_reply", id: r.id, title: r.title, description: r.description };
      }
      if (i.type === "nfm_reply") {
        const r = i.nfm_reply ?? missing("interactive.nfm_reply");
        return { kind: "nfm_reply", responseJson: r.response_json, name: r.name, body: r.body };
      }
      return { kind: "other", raw: i };
    }
    case "button": {
      const b = m.button ?? missing("button");
      return { kind: "button", payload: b.payload, text: b.text };
    }
    case "reaction": {
      const r = m.reaction ?? missing("reaction");
      return { kind: "reaction", messageId: r.message_id, emoji: r.emoji ?? "" };
    }
    case "order":
      return { kind: "order", order: m.order ?? missing("order") };
    case "unsupported":
    case "unknown":
      return { kind: "unsupported", errors: (m.errors ?? []).map(normError) };
    default:
      return { kind: "other", raw: m };
  }
}

/**
 * Validates a Cloud API webhook body and returns its events, in payload order.
 * Throws WebhookPayloadError for anything that is not a valid payload.
 */
export function parseWebhook(body: unknown): WebhookEvent[] {
  let parsedBody = body;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    try {
      parsedBody = JSON.parse(body.toString());
    } catch {
      throw new WebhookPayloadError("Webhook body is not valid JSON");
    }
  }
  const env = parseOrThrow(envelope, parsedBody, "");
  const events: WebhookEvent[] = [];
  env.entry.forEach((entry, ei) => {
    entry.changes.forEach((change, ci) => {
      const path = `entry.${ei}.changes.${ci}.value`;
      switch (change.field) {
        case "messages": {
          const v = parseOrThrow(messagesValue, change.value, path);
          const metadata: WebhookMetadata = {
            wabaId: entry.id,
            phoneNumberId: v.metadata.phone_number_id,
            displayPhoneNumber: v.metadata.display_phone_number,
          };
          const names = new Map<string, string | undefined>();
          for (const c of v.contacts ?? []) names.set(c.wa_id, c.profile?.name);
          (v.messages ?? []).forEach((m, mi) => {
            const ev: InboundMessageEvent = {
              kind: "message",
              metadata,
              id: m.id,
              from: m.from,
              profileName: names.get(m.from),
              timestamp: Number(m.timestamp),
              type: m.type,
              content: inboundContent(m, `${path}.messages.${mi}`),
              context: m.context
                ? { from: m.context.from, id: m.context.id, forwarded: m.context.forwarded }
                : undefined,
              raw: m,
            };
            events.push(ev);
          });
          for (const s of v.statuses ?? []) {
            const ev: StatusEvent = {
              kind: "status",
              metadata,
              messageId: s.id,
              status: s.status as DeliveryStatus,
              timestamp: Number(s.timestamp),
              recipientId: s.recipient_id,
              conversation: s.conversation
                ? {
                    id: s.conversation.id,
                    expirationTimestamp:
                      s.conversation.expiration_timestamp === undefined
                        ? undefined
                        : Number(s.conversation.expiration_timestamp),
                    originType: s.conversation.origin?.type,
                  }
                : undefined,
              pricing: s.pricing
                ? {
                    billable: s.pricing.billable,
                    pricing_model: s.pricing.pricing_model,
                    category: s.pricing.category,
                    type: s.pricing.type,
                  }
                : undefined,
              errors: (s.errors ?? []).map(normError),
              bizOpaqueCallbackData: s.biz_opaque_callback_data,
            };
            events.push(ev);
          }
          if (v.errors && v.errors.length > 0) {
            events.push({ kind: "errors", metadata, errors: v.errors.map(normError) });
          }
          break;
        }
        case "message_template_status_update": {
          const v = parseOrThrow(templateStatusValue, change.value, path);
          events.push({
            kind: "template_status",
            wabaId: entry.id,
            event: v.event,
            templateId: String(v.message_template_id),
            templateName: v.message_template_name,
            language: v.message_template_language,
            reason: v.reason ?? undefined,
            time: entry.time,
          });
          break;
        }
        case "message_template_quality_update": {
          const v = parseOrThrow(templateQualityValue, change.value, path);
          events.push({
            kind: "template_quality",
            wabaId: entry.id,
            templateId: String(v.message_template_id),
            templateName: v.message_template_name,
            language: v.message_template_language,
            previousScore: v.previous_quality_score,
            newScore: v.new_quality_score,
            time: entry.time,
          });
          break;
        }
        case "phone_number_quality_update": {
          const v = parseOrThrow(qualityValue, change.value, path);
          events.push({
            kind: "phone_number_quality",
            wabaId: entry.id,
            displayPhoneNumber: v.display_phone_number,
            event: v.event,
            currentLimit: v.max_daily_conversations_per_business ?? v.current_limit ?? v.messaging_limit_tier,
            oldLimit: v.old_limit,
            time: entry.time,
          });
          break;
        }
        default:
          events.push({ kind: "other", wabaId: entry.id, field: change.field, value: change.value });
      }
    });
  });
  return events;
}

export const MEDIA_MESSAGE_TYPES = MEDIA_TYPES;
