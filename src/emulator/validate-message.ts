/** Request validation of POST /{phone-number-id}/messages bodies, per message type. */
import type { EmulatorContext } from "./context.ts";
import { GraphError, invalidParam } from "./graph-error.ts";

export const MEDIA_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
export const MESSAGE_TYPES = new Set([
  "text",
  ...MEDIA_TYPES,
  "location",
  "contacts",
  "reaction",
  "interactive",
  "template",
]);

export function validateMedia(ctx: EmulatorContext, type: string, media: unknown) {
  if (typeof media !== "object" || media === null) {
    throw new GraphError(131008, { details: `The parameter ${type} is required.` });
  }
  const m = media as { id?: unknown; link?: unknown };
  if (m.id === undefined && m.link === undefined) {
    throw new GraphError(131008, { details: `Param ${type} must contain either id or link.` });
  }
  if (m.id !== undefined && (typeof m.id !== "string" || !ctx.state.media.has(m.id))) {
    throw invalidParam(`Param ${type}['id'] is not a valid whatsapp business account media attachment ID`);
  }
  if (m.link !== undefined && (typeof m.link !== "string" || !/^https?:\/\//.test(m.link))) {
    throw invalidParam(`Param ${type}['link'] is not a valid URI.`);
  }
}

/** Interactive types the Cloud API sends (order_* are India's payments messages). */
const INTERACTIVE_TYPES = [
  "button",
  "list",
  "cta_url",
  "flow",
  "product",
  "product_list",
  "catalog_message",
  "location_request_message",
  "order_details",
  "order_status",
];

export function validateInteractive(i: unknown) {
  if (typeof i !== "object" || i === null)
    throw new GraphError(131008, { details: "The parameter interactive is required." });
  const it = i as {
    type?: string;
    body?: { text?: unknown };
    action?: {
      buttons?: { type?: string; reply?: { id?: unknown; title?: unknown } }[];
      button?: unknown;
      sections?: { rows?: { id?: unknown; title?: unknown }[] }[];
      name?: string;
      parameters?: { display_text?: unknown; url?: unknown };
    };
  };
  if (!INTERACTIVE_TYPES.includes(it.type ?? "")) {
    throw invalidParam(
      `Param interactive['type'] must be one of {${INTERACTIVE_TYPES.map((t) => t.toUpperCase()).join(", ")}}`,
    );
  }
  if (["button", "list", "cta_url"].includes(it.type ?? "") && typeof it.body?.text !== "string") {
    throw new GraphError(131008, { details: "The parameter interactive['body']['text'] is required." });
  }
  if (!it.action)
    throw new GraphError(131008, { details: "The parameter interactive['action'] is required." });
  if (it.type === "button") {
    const buttons = it.action.buttons ?? [];
    if (buttons.length < 1 || buttons.length > 3) {
      throw new GraphError(131009, { details: "Buttons count is invalid: must be between 1 and 3" });
    }
    const ids = new Set<unknown>();
    for (const b of buttons) {
      if (b.type !== "reply" || typeof b.reply?.id !== "string" || typeof b.reply.title !== "string") {
        throw new GraphError(131009, {
          details: "Each button must be {type: 'reply', reply: {id, title}}",
        });
      }
      if (b.reply.title.length > 20)
        throw new GraphError(131009, { details: "Button title length invalid. Max 20" });
      if (ids.has(b.reply.id)) throw new GraphError(131009, { details: "Button ids must be unique" });
      ids.add(b.reply.id);
    }
  }
  if (it.type === "list") {
    if (typeof it.action.button !== "string") {
      throw new GraphError(131008, {
        details: "The parameter interactive['action']['button'] is required.",
      });
    }
    const rows = (it.action.sections ?? []).flatMap((s) => s.rows ?? []);
    if (rows.length < 1 || rows.length > 10) {
      throw new GraphError(131009, { details: "Total row count exceed max allowed count: 10" });
    }
  }
  if (it.type === "cta_url") {
    const p = it.action.parameters;
    if (it.action.name !== "cta_url" || typeof p?.display_text !== "string" || typeof p.url !== "string") {
      throw new GraphError(131009, {
        details: "cta_url requires action {name: 'cta_url', parameters: {display_text, url}}",
      });
    }
  }
}

/** Validates the payload of every type but template (checked against the stored template). */
export function validatePayload(ctx: EmulatorContext, type: string, payload: unknown): void {
  switch (type) {
    case "text": {
      const t = payload as { body?: unknown };
      if (typeof t.body !== "string" || t.body.length === 0) {
        throw new GraphError(131008, { details: "The parameter text['body'] is required." });
      }
      if (t.body.length > 4096)
        throw new GraphError(131009, { details: "text['body'] is too long. Max 4096" });
      break;
    }
    case "image":
    case "audio":
    case "video":
    case "document":
    case "sticker":
      validateMedia(ctx, type, payload);
      break;
    case "location": {
      const l = payload as { latitude?: unknown; longitude?: unknown };
      if (typeof l.latitude !== "number" || typeof l.longitude !== "number") {
        throw new GraphError(131009, { details: "location requires numeric latitude and longitude" });
      }
      break;
    }
    case "contacts": {
      const c = payload as { name?: { formatted_name?: unknown } }[];
      if (!Array.isArray(c) || c.length === 0 || c.some((x) => typeof x?.name?.formatted_name !== "string")) {
        throw new GraphError(131009, {
          details: "contacts must be a non-empty array with name.formatted_name",
        });
      }
      break;
    }
    case "reaction": {
      const r = payload as { message_id?: unknown; emoji?: unknown };
      if (typeof r.message_id !== "string" || typeof r.emoji !== "string") {
        throw new GraphError(131009, { details: "reaction requires message_id and emoji" });
      }
      break;
    }
    case "interactive":
      validateInteractive(payload);
  }
}
