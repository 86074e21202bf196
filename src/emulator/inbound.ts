/** Inbound messages from simulated customers: the `messages` webhook Meta sends when a user writes. */
import { digits, type EmulatorContext, envelope, metadata, nowSec, sha256Hex, wamid } from "./context.ts";
import { invalidParam } from "./graph-error.ts";
import { bsuidOf, bsuidsOn, hidesPhone } from "./rules/bsuid.ts";
import type { PhoneState } from "./state.ts";
import { MEDIA_TYPES } from "./validate-message.ts";

export interface InboundInput {
  from: string;
  /** phone number id receiving the message; default: first registered number */
  to?: string;
  profileName?: string;
  type?: string;
  text?: string;
  image?: InboundMediaInput;
  audio?: InboundMediaInput;
  video?: InboundMediaInput;
  document?: InboundMediaInput;
  sticker?: InboundMediaInput;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: unknown[];
  buttonReply?: { id: string; title: string };
  listReply?: { id: string; title: string; description?: string };
  /** template quick-reply button */
  button?: { payload: string; text: string };
  reaction?: { message_id: string; emoji: string };
  /** reply to a message (wamid) */
  context?: { id: string };
  /** raw fields merged into the message object */
  message?: Record<string, unknown>;
}

export interface InboundMediaInput {
  mime_type?: string;
  caption?: string;
  filename?: string;
  /** base64 content stored as downloadable media */
  data?: string;
}

export interface InboundResult {
  id: string;
  phoneNumberId: string;
  message: Record<string, unknown>;
  payload: unknown;
}

const UNSUPPORTED_ERROR = {
  code: 131051,
  title: "Message type unknown",
  message: "Message type unknown",
  error_data: { details: "Message type is currently not supported." },
};

const DEFAULT_MIME: Record<string, string> = {
  image: "image/jpeg",
  audio: "audio/ogg; codecs=opus",
  video: "video/mp4",
  sticker: "image/webp",
};

/** Stores inbound media as downloadable and returns the message's media object. */
function inboundMedia(ctx: EmulatorContext, phone: PhoneState, type: string, x: InboundMediaInput) {
  const data = Buffer.from(x.data ?? "ZW11bGF0b3I=", "base64");
  const mediaId = ctx.state.nextNumericId("7");
  const mimeType = x.mime_type ?? DEFAULT_MIME[type] ?? "application/pdf";
  const sha256 = sha256Hex(data);
  ctx.state.media.set(mediaId, {
    id: mediaId,
    phoneNumberId: phone.id,
    mimeType,
    data,
    sha256,
    filename: x.filename,
    createdAt: Date.now(),
  });
  const o: Record<string, unknown> = { mime_type: mimeType, sha256, id: mediaId };
  if (x.caption !== undefined) o.caption = x.caption;
  if (x.filename !== undefined) o.filename = x.filename;
  if (type === "audio") o.voice = false;
  if (type === "sticker") o.animated = false;
  return o;
}

/** Fills the message's `type` and its type-named object from the input. */
function fillContent(
  ctx: EmulatorContext,
  phone: PhoneState,
  input: InboundInput,
  m: Record<string, unknown>,
) {
  if (input.text !== undefined) {
    m.type = "text";
    m.text = { body: input.text };
  } else if (input.buttonReply) {
    m.type = "interactive";
    m.interactive = { type: "button_reply", button_reply: input.buttonReply };
  } else if (input.listReply) {
    m.type = "interactive";
    m.interactive = { type: "list_reply", list_reply: input.listReply };
  } else if (input.button) {
    m.type = "button";
    m.button = input.button;
  } else if (input.reaction) {
    m.type = "reaction";
    m.reaction = input.reaction;
  } else if (input.location) {
    m.type = "location";
    m.location = input.location;
  } else if (input.contacts) {
    m.type = "contacts";
    m.contacts = input.contacts;
  } else {
    const mt = MEDIA_TYPES.find((t) => input[t] !== undefined);
    if (mt) {
      m.type = mt;
      m[mt] = inboundMedia(ctx, phone, mt, input[mt] as InboundMediaInput);
    }
  }
}

/** The sender as Meta shows it: name, wa_id, and since 2026 the BSUID (username adopters: no phone). */
function senderContact(
  ctx: EmulatorContext,
  phone: PhoneState,
  from: string,
  m: Record<string, unknown>,
  profileName: string | undefined,
): Record<string, unknown> {
  const profile: Record<string, unknown> = { name: profileName ?? `User ${from.slice(-4)}` };
  const contact: Record<string, unknown> = { profile, wa_id: from };
  if (!bsuidsOn(ctx)) return contact;
  const userId = bsuidOf(ctx, phone, from);
  m.from_user_id = userId;
  contact.user_id = userId;
  if (hidesPhone(ctx, from)) {
    delete m.from;
    delete contact.wa_id;
    profile.username = `user${from.slice(-4)}`;
  }
  return contact;
}

export function injectInbound(ctx: EmulatorContext, input: InboundInput): InboundResult {
  const { state, config } = ctx;
  const phone =
    (input.to ? state.phones.get(input.to) : undefined) ??
    [...state.phones.values()].find((p) => p.registered && input.to === undefined);
  if (!phone) throw invalidParam(`Unknown phone number id ${input.to}`);
  const from = digits(input.from ?? "");
  if (from.length < 5) throw invalidParam("from must be a phone number");
  const id = wamid();
  const m: Record<string, unknown> = { from, id, timestamp: String(nowSec()) };
  fillContent(ctx, phone, input, m);
  if (input.context) m.context = { from: digits(phone.displayPhoneNumber), id: input.context.id };
  if (input.message) Object.assign(m, input.message);
  if (input.type) m.type = input.type;
  if (m.type === undefined) m.type = "unsupported";
  // As Meta reports a message type it cannot show (its webhook example's wording).
  if (m.type === "unsupported" && m.errors === undefined) m.errors = [UNSUPPORTED_ERROR];
  state.windows.set(`${phone.id}:${from}`, Date.now());
  state.inbound.push({ id, from, phoneNumberId: phone.id, receivedAt: Date.now(), message: m });
  if (state.inbound.length > config.maxLogEntries + Math.max(1, config.maxLogEntries >> 3)) {
    state.inbound.splice(0, state.inbound.length - config.maxLogEntries);
  }
  const payload = envelope(phone.wabaId, "messages", {
    messaging_product: "whatsapp",
    metadata: metadata(phone),
    contacts: [senderContact(ctx, phone, from, m, input.profileName)],
    messages: [m],
  });
  ctx.webhooks.send(payload);
  return { id, phoneNumberId: phone.id, message: m, payload };
}
