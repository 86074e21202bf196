/**
 * What the simulated customers' phones show (the sandbox page): per business number and customer,
 * the messages both ways in order, templates rendered with their parameters, the buttons a person
 * can tap (and what tapping sends back), media by URL, and each outbound message's statuses.
 */
import type { TemplateButtonDef, TemplateComponentDef } from "../whatsapp/types.ts";
import type { EmulatorContext } from "./context.ts";
import type { InboundRecord, SentMessage } from "./state.ts";

/** A button on the phone and the inbound message a tap sends (InboundInput fields). */
export interface ChatButton {
  title: string;
  reply?: { buttonReply: { id: string; title: string } } | { button: { payload: string; text: string } };
  url?: string;
}

export interface ChatBubble {
  id: string;
  direction: "in" | "out";
  at: number;
  type: string;
  header?: string | undefined;
  text?: string | undefined;
  footer?: string | undefined;
  media?:
    | { kind: string; url: string; caption?: string | undefined; voice?: boolean | undefined }
    | undefined;
  buttons: ChatButton[];
  status?: string | undefined;
  errorCode?: number | undefined;
}

export interface Chat {
  phoneNumberId: string;
  businessName: string;
  customer: string;
  userId?: string | undefined;
  bubbles: ChatBubble[];
}

type Params = { type?: string; text?: string; parameter_name?: string; payload?: string }[];
type SentComponent = { type?: string; sub_type?: string; index?: unknown; parameters?: Params };

/** `{{1}}` or `{{name}}` replaced by the parameters sent (positional or named). */
function fill(text: string, params: Params | undefined): string {
  if (!params?.length) return text;
  return text.replace(/\{\{\s*([\w]+)\s*\}\}/g, (whole, key: string) => {
    const named = params.find((p) => p.parameter_name === key);
    const value = named ?? params[Number(key) - 1];
    return value?.text ?? whole;
  });
}

/** Uploaded media through the control route (relative: the page may be reached by any host name). */
function mediaUrl(object: { id?: string; link?: string } | undefined): string {
  if (object?.link) return object.link;
  return `/_emulator/media/${encodeURIComponent(object?.id ?? "")}`;
}

function templateButtons(defs: TemplateButtonDef[], sent: SentComponent[]): ChatButton[] {
  return defs.flatMap((b, index): ChatButton[] => {
    if (b.type === "QUICK_REPLY") {
      const param = sent.find((c) => c.sub_type === "quick_reply" && Number(c.index) === index);
      const payload = param?.parameters?.[0]?.payload ?? b.text;
      return [{ title: b.text, reply: { button: { payload, text: b.text } } }];
    }
    if (b.type === "URL") return [{ title: b.text, url: b.url }];
    if (b.type === "PHONE_NUMBER") return [{ title: b.text, url: `tel:${b.phone_number}` }];
    if (b.type === "COPY_CODE") return [{ title: "Copy code" }];
    return [];
  });
}

/** A template as the phone shows it, from its definition and the parameters sent. */
function renderTemplate(ctx: EmulatorContext, m: SentMessage, bubble: ChatBubble): void {
  const sent = m.body.template as {
    name?: string;
    language?: { code?: string };
    components?: SentComponent[];
  };
  const def = [...ctx.state.templates.values()].find(
    (t) => t.wabaId === m.wabaId && t.name === sent?.name && t.language === sent?.language?.code,
  );
  bubble.text = `[template ${sent?.name ?? "?"}]`;
  if (!def) return;
  const parts = sent.components ?? [];
  const part = (type: string) => parts.find((c) => c.type?.toLowerCase() === type);
  for (const c of def.components as TemplateComponentDef[]) {
    if (c.type === "BODY") bubble.text = fill(c.text, part("body")?.parameters);
    else if (c.type === "FOOTER") bubble.footer = c.text;
    else if (c.type === "BUTTONS") bubble.buttons = templateButtons(c.buttons, parts);
    else if (c.type === "HEADER" && c.format === "TEXT")
      bubble.header = fill(c.text ?? "", part("header")?.parameters);
    else if (c.type === "HEADER") {
      const param = part("header")?.parameters?.[0] as
        | Record<string, { id?: string; link?: string }>
        | undefined;
      const kind = c.format.toLowerCase();
      bubble.media = { kind, url: mediaUrl(param?.[kind]) };
    }
  }
}

type Interactive = {
  type?: string;
  header?: { type?: string; text?: string };
  body?: { text?: string };
  footer?: { text?: string };
  action?: {
    buttons?: { reply?: { id: string; title: string } }[];
    sections?: { rows?: { id: string; title: string; description?: string }[] }[];
    parameters?: { display_text?: string; url?: string };
  };
};

function renderInteractive(body: Interactive, bubble: ChatBubble): void {
  bubble.header = body.header?.text;
  bubble.text = body.body?.text;
  bubble.footer = body.footer?.text;
  const action = body.action ?? {};
  for (const b of action.buttons ?? [])
    if (b.reply) bubble.buttons.push({ title: b.reply.title, reply: { buttonReply: b.reply } });
  // A list's rows are tapped as list replies: shown as buttons too.
  for (const row of (action.sections ?? []).flatMap((s) => s.rows ?? []))
    bubble.buttons.push({ title: row.title, reply: { buttonReply: { id: row.id, title: row.title } } });
  if (action.parameters?.url)
    bubble.buttons.push({ title: action.parameters.display_text ?? "Open", url: action.parameters.url });
}

const MEDIA = ["image", "audio", "video", "document", "sticker"];

function outboundBubble(ctx: EmulatorContext, m: SentMessage): ChatBubble {
  const last = m.statuses.at(-1);
  const bubble: ChatBubble = {
    id: m.id,
    direction: "out",
    at: m.acceptedAt,
    type: m.type,
    buttons: [],
    status: m.status,
    errorCode: last?.errorCode,
  };
  const body = m.body as Record<string, Record<string, unknown> | undefined>;
  if (m.type === "text") bubble.text = String(body.text?.body ?? "");
  else if (m.type === "template") renderTemplate(ctx, m, bubble);
  else if (m.type === "interactive") renderInteractive(body.interactive as Interactive, bubble);
  else if (MEDIA.includes(m.type)) {
    const object = body[m.type] as { id?: string; link?: string; caption?: string };
    bubble.media = { kind: m.type, url: mediaUrl(object), caption: object?.caption };
  } else if (m.type === "location") bubble.text = `📍 ${String(body.location?.name ?? "location")}`;
  else if (m.type === "reaction") bubble.text = String(body.reaction?.emoji ?? "");
  else bubble.text = `[${m.type}]`;
  return bubble;
}

function inboundBubble(r: InboundRecord): ChatBubble {
  const m = r.message as Record<string, Record<string, unknown> | undefined> & { type?: string };
  const type = String(m.type ?? "unsupported");
  const bubble: ChatBubble = { id: r.id, direction: "in", at: r.receivedAt, type, buttons: [] };
  if (type === "text") bubble.text = String(m.text?.body ?? "");
  else if (type === "button") bubble.text = String(m.button?.text ?? "");
  else if (type === "interactive") {
    const reply = (m.interactive?.button_reply ?? m.interactive?.list_reply) as
      | { title?: string }
      | undefined;
    bubble.text = reply?.title ?? "[interactive]";
  } else if (MEDIA.includes(type)) {
    const object = m[type] as { id?: string; caption?: string; voice?: boolean };
    bubble.media = { kind: type, url: mediaUrl(object), caption: object?.caption, voice: object?.voice };
  } else bubble.text = `[${type}]`;
  return bubble;
}

/** Every conversation the emulator holds, the most recent first. */
export function buildChats(ctx: EmulatorContext): Chat[] {
  const chats = new Map<string, Chat>();
  const chatOf = (phoneNumberId: string, customer: string) => {
    const key = `${phoneNumberId}:${customer}`;
    let chat = chats.get(key);
    if (!chat) {
      const phone = ctx.state.phones.get(phoneNumberId);
      chat = { phoneNumberId, businessName: phone?.verifiedName ?? phoneNumberId, customer, bubbles: [] };
      chats.set(key, chat);
    }
    return chat;
  };
  for (const m of ctx.state.messages.values()) {
    const chat = chatOf(m.phoneNumberId, m.waId);
    chat.userId ??= m.userId;
    chat.bubbles.push(outboundBubble(ctx, m));
  }
  for (const r of ctx.state.inbound) chatOf(r.phoneNumberId, r.from).bubbles.push(inboundBubble(r));
  const list = [...chats.values()];
  for (const chat of list) chat.bubbles.sort((a, b) => a.at - b.at);
  return list.sort((a, b) => (b.bubbles.at(-1)?.at ?? 0) - (a.bubbles.at(-1)?.at ?? 0));
}
