/**
 * A local WhatsApp Cloud API: same paths, bodies, error objects and codes as graph.facebook.com,
 * with simulated recipients, signed webhooks, template review, throughput and 24h-window
 * enforcement, and fault injection. Control endpoints live under /_emulator/.
 */
import { createHash, randomBytes } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { request as undiciRequest } from "undici";
import { graphErrorBody, webhookErrorFor } from "../whatsapp/errors.ts";
import type {
  MessageTemplate,
  PhoneNumber,
  TemplateCategory,
  TemplateComponentDef,
  TemplateDefinition,
  TemplateStatus,
} from "../whatsapp/types.ts";
import { defaultConfig, type EmulatorConfig, type EmulatorConfigInput, mergeConfig } from "./config.ts";
import { EmulatorState, type PhoneState, type SentMessage, type TemplateState } from "./state.ts";
import { WebhookSender } from "./webhooks.ts";

export interface StartEmulatorOptions extends EmulatorConfigInput {
  /** 0 = random free port (tests). Default 0. */
  port?: number;
  host?: string;
  /** Fastify logger (false by default). */
  logger?: boolean;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:40123 (use as the client's baseUrl) */
  url: string;
  state: EmulatorState;
  /** Current config (a live reference; use setConfig to change it). */
  readonly config: EmulatorConfig;
  setConfig(input: EmulatorConfigInput): EmulatorConfig;
  /** Clears messages, media, windows, webhooks and re-seeds accounts and templates. */
  reset(): void;
  webhooks: WebhookSender;
  /** Resolves when no webhook delivery is pending (or after timeoutMs). */
  drainWebhooks(timeoutMs?: number): Promise<void>;
  /** Programmatic equivalent of POST /_emulator/inbound. */
  injectInbound(input: InboundInput): InboundResult;
  app: FastifyInstance;
  close(): Promise<void>;
}

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

class GraphError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(
    code: number,
    opts: { details?: string; subcode?: number; message?: string; type?: string } = {},
  ) {
    const r = graphErrorBody(code, opts);
    super(r.body.error.message);
    this.status = r.status;
    this.body = r.body;
  }
}

const invalidParam = (details: string, message?: string) =>
  new GraphError(100, { details, message: message ?? `(#100) ${details}` });

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (s: string) => s.replace(/\D/g, "");
const nowSec = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function wamid(): string {
  return `wamid.${randomBytes(24).toString("base64url")}`;
}

function placeholders(text: string | undefined): number {
  if (!text) return 0;
  const set = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) set.add(m[1] ?? "");
  return set.size;
}

const MEDIA_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
const MESSAGE_TYPES = new Set([
  "text",
  ...MEDIA_TYPES,
  "location",
  "contacts",
  "reaction",
  "interactive",
  "template",
]);

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = "127.0.0.1", logger = false, ...cfgInput } = options;
  let config = mergeConfig(defaultConfig(), cfgInput);
  let random = mulberry32(config.randomSeed);
  const state = new EmulatorState(config);
  const webhooks = new WebhookSender(
    () => config,
    () => random(),
  );
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const app = Fastify({ logger, forceCloseConnections: true, bodyLimit: 100 * 1024 * 1024 });
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: 100 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof GraphError) return reply.code(error.status).send(error.body);
    const err = error as Error & { statusCode?: number };
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const r = graphErrorBody(100, { details: err.message, message: `(#100) ${err.message}` });
      return reply.code(400).send(r.body);
    }
    const r = graphErrorBody(1, { message: "An unknown error has occurred." });
    return reply.code(500).send(r.body);
  });
  app.setNotFoundHandler((req, reply) => {
    const r = graphErrorBody(100, {
      message: `Unsupported ${req.method.toLowerCase()} request.`,
      details: `Unknown path ${req.url}`,
    });
    reply.code(400).send(r.body);
  });

  // ---- helpers ------------------------------------------------------------

  type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

  /** Wraps a Graph route: version check, latency, auth, injected failures. */
  const graph =
    (handler: Handler, opts: { send?: boolean } = {}): Handler =>
    async (req, reply) => {
      state.stats.graphRequests++;
      const f = config.faults;
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      const { version } = req.params as { version?: string };
      if (version !== undefined && !/^v\d+\.\d+$/.test(version)) {
        throw new GraphError(100, {
          message: `Unknown path components: /${version}`,
          details: "Invalid Graph API version",
        });
      }
      const auth = req.headers.authorization;
      const token = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
      if (token === undefined) {
        throw new GraphError(190, { message: "An active access token must be used to query information." });
      }
      if (token !== config.accessToken) {
        throw new GraphError(190, { message: "Invalid OAuth access token - Cannot parse access token" });
      }
      if (f.failNext && f.failNext.count > 0) {
        const fn = f.failNext;
        fn.count--;
        if (fn.count <= 0) f.failNext = null;
        state.stats.injectedErrors++;
        throw new GraphError(fn.code, fn.details === undefined ? {} : { details: fn.details });
      }
      if (opts.send) {
        if (f.timeoutRate > 0 && random() < f.timeoutRate) {
          state.stats.injectedTimeouts++;
          reply.hijack();
          later(f.timeoutMs, () => reply.raw.destroy());
          return reply;
        }
        if (f.errorRate > 0 && random() < f.errorRate) {
          state.stats.injectedErrors++;
          const pick = random();
          if (pick < 0.4) throw new GraphError(131000);
          if (pick < 0.8) throw new GraphError(131016);
          throw new GraphError(2, { message: "Service temporarily unavailable" });
        }
      }
      return handler(req, reply);
    };

  const phoneOr404 = (id: string): PhoneState => {
    const p = state.phones.get(id);
    if (!p) throw unknownObject(id);
    return p;
  };

  /** A template's components, on create and on edit: a list with a BODY that has text. */
  function checkComponents(components: unknown): asserts components is TemplateComponentDef[] {
    const list = Array.isArray(components) ? (components as { type?: unknown; text?: unknown }[]) : [];
    if (!list.some((c) => c?.type === "BODY" && typeof c.text === "string"))
      throw invalidParam("Param components must contain a BODY component with text");
  }

  function unknownObject(id: string): GraphError {
    return new GraphError(100, {
      subcode: 33,
      message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      details: `Object with ID '${id}' does not exist`,
    });
  }

  function envelope(wabaId: string, field: string, value: unknown, withTime = false) {
    const entry: Record<string, unknown> = { id: wabaId, changes: [{ value, field }] };
    if (withTime) entry.time = nowSec();
    return { object: "whatsapp_business_account", entry: [entry] };
  }

  const metadata = (p: PhoneState) => ({
    display_phone_number: digits(p.displayPhoneNumber),
    phone_number_id: p.id,
  });

  function isNotOnWhatsApp(waId: string): boolean {
    const r = config.notOnWhatsApp;
    if (r.numbers.some((n) => digits(n) === waId)) return true;
    if (r.prefixes.some((pre) => pre.length > 0 && waId.startsWith(digits(pre)))) return true;
    if (r.pattern && new RegExp(r.pattern).test(waId)) return true;
    return false;
  }

  function neverReads(waId: string): boolean {
    const r = config.neverRead;
    return (
      r.numbers.some((n) => digits(n) === waId) || r.prefixes.some((pre) => waId.startsWith(digits(pre)))
    );
  }

  function takeToken(bucket: { tokens: number; last: number }, capacity: number, perMs: number): boolean {
    const now = Date.now();
    if (!Number.isFinite(bucket.tokens)) {
      bucket.tokens = capacity;
      bucket.last = now;
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.last) * perMs);
    bucket.last = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  function logMessage(m: SentMessage) {
    state.messages.set(m.id, m);
    if (state.messages.size > config.maxLogEntries) {
      const first = state.messages.keys().next().value;
      if (first !== undefined) state.messages.delete(first);
    }
  }

  // ---- message validation ---------------------------------------------------

  function validateMedia(type: string, media: unknown) {
    if (typeof media !== "object" || media === null) {
      throw new GraphError(131008, { details: `The parameter ${type} is required.` });
    }
    const m = media as { id?: unknown; link?: unknown };
    if (m.id === undefined && m.link === undefined) {
      throw new GraphError(131008, { details: `Param ${type} must contain either id or link.` });
    }
    if (m.id !== undefined && (typeof m.id !== "string" || !state.media.has(m.id))) {
      throw invalidParam(`Param ${type}['id'] is not a valid whatsapp business account media attachment ID`);
    }
    if (m.link !== undefined && (typeof m.link !== "string" || !/^https?:\/\//.test(m.link))) {
      throw invalidParam(`Param ${type}['link'] is not a valid URI.`);
    }
  }

  function validateInteractive(i: unknown) {
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
    if (
      !["button", "list", "cta_url", "flow", "product", "product_list", "location_request_message"].includes(
        it.type ?? "",
      )
    ) {
      throw invalidParam(
        "Param interactive['type'] must be one of {BUTTON, LIST, CTA_URL, FLOW, PRODUCT, PRODUCT_LIST}",
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

  interface TemplateSendCheck {
    template: TemplateState;
  }

  function checkTemplate(phone: PhoneState, t: unknown): TemplateSendCheck {
    const tb = t as
      | {
          name?: unknown;
          language?: { code?: unknown };
          components?: {
            type?: string;
            sub_type?: string;
            index?: unknown;
            parameters?: { type?: string }[];
          }[];
        }
      | undefined;
    if (!tb || typeof tb.name !== "string")
      throw new GraphError(131008, { details: "The parameter template['name'] is required." });
    const lang = tb.language?.code;
    if (typeof lang !== "string") {
      throw new GraphError(131008, { details: "The parameter template['language']['code'] is required." });
    }
    const all = [...state.templates.values()].filter((x) => x.wabaId === phone.wabaId && x.name === tb.name);
    const tpl = all.find((x) => x.language === lang);
    if (!tpl || tpl.status === "PENDING" || tpl.status === "REJECTED" || tpl.status === "PENDING_DELETION") {
      throw new GraphError(132001, {
        details: tpl
          ? `template name (${tb.name}) is not approved in ${lang} (status ${tpl.status})`
          : `template name (${tb.name}) does not exist in ${lang}`,
      });
    }
    if (tpl.status === "PAUSED") throw new GraphError(132015, { details: `Template ${tb.name} is paused` });
    if (tpl.status === "DISABLED")
      throw new GraphError(132016, { details: `Template ${tb.name} is disabled` });
    const comps = tb.components ?? [];
    const given = (type: string) => comps.find((c) => c.type === type)?.parameters ?? [];
    const body = tpl.components.find((c) => c.type === "BODY") as { text: string } | undefined;
    const header = tpl.components.find((c) => c.type === "HEADER") as
      | Extract<TemplateComponentDef, { type: "HEADER" }>
      | undefined;
    const expectedBody = placeholders(body?.text);
    const gotBody = given("body").length;
    if (expectedBody !== gotBody) {
      throw new GraphError(132000, {
        details: `body: number of localizable_params (${gotBody}) does not match the expected number of params (${expectedBody})`,
      });
    }
    if (header) {
      const expectedHeader = header.format === "TEXT" ? placeholders(header.text) : 1;
      const hp = given("header");
      if (hp.length !== expectedHeader) {
        throw new GraphError(132000, {
          details: `header: number of localizable_params (${hp.length}) does not match the expected number of params (${expectedHeader})`,
        });
      }
      if (
        header.format !== "TEXT" &&
        header.format !== "LOCATION" &&
        hp[0]?.type !== header.format.toLowerCase()
      ) {
        throw new GraphError(132012, {
          details: `header: Format mismatch, expected ${header.format}, received ${String(hp[0]?.type).toUpperCase()}`,
        });
      }
    }
    const buttons = tpl.components.find((c) => c.type === "BUTTONS") as
      | Extract<TemplateComponentDef, { type: "BUTTONS" }>
      | undefined;
    buttons?.buttons.forEach((b, index) => {
      if (b.type === "URL" && b.url.includes("{{")) {
        const p = comps.find((c) => c.type === "button" && Number(c.index) === index);
        if (!p || (p.parameters ?? []).length !== 1) {
          throw new GraphError(131008, {
            details: `buttons: parameter for url button at index ${index} is required`,
          });
        }
      }
    });
    return { template: tpl };
  }

  // ---- the send pipeline ----------------------------------------------------

  function schedulePipeline(
    phone: PhoneState,
    msg: SentMessage,
    category: string,
    billable: boolean,
    failCode?: number,
  ) {
    const d = config.statusDelaysMs;
    const push = (status: "sent" | "delivered" | "read" | "failed", extra: Record<string, unknown>) => {
      if (msg.status === "failed") return;
      msg.status = status;
      const ts = nowSec();
      msg.statuses.push({ status, timestamp: ts, errorCode: failCode });
      const s: Record<string, unknown> = {
        id: msg.id,
        status,
        timestamp: String(ts),
        recipient_id: msg.waId,
        ...extra,
      };
      const cb = msg.body.biz_opaque_callback_data;
      if (typeof cb === "string") s.biz_opaque_callback_data = cb;
      webhooks.send(
        envelope(phone.wabaId, "messages", {
          messaging_product: "whatsapp",
          metadata: metadata(phone),
          statuses: [s],
        }),
      );
    };
    if (failCode !== undefined) {
      msg.errorCode = failCode;
      state.stats.failedAsync++;
      later(d.sent, () => push("failed", { errors: [webhookErrorFor(failCode)] }));
      return;
    }
    const pricing = {
      billable,
      pricing_model: "PMP",
      category,
      type: billable ? "regular" : "free_customer_service",
    };
    msg.pricing = pricing;
    const conversation = {
      id: createHash("sha1").update(`${phone.id}:${msg.waId}:${category}`).digest("hex").slice(0, 32),
      expiration_timestamp: String(nowSec() + 24 * 3600),
      origin: { type: category },
    };
    later(d.sent, () => push("sent", { conversation, pricing }));
    later(Math.max(d.delivered, d.sent), () => push("delivered", { conversation, pricing }));
    if (d.read !== null && !neverReads(msg.waId)) {
      later(Math.max(d.read, d.delivered, d.sent), () => push("read", {}));
    }
  }

  function handleSend(phone: PhoneState, body: Record<string, unknown>) {
    if (body.messaging_product !== "whatsapp") {
      throw invalidParam(
        "The parameter messaging_product is required.",
        "(#100) The parameter messaging_product is required.",
      );
    }
    if (body.status === "read") {
      if (typeof body.message_id !== "string")
        throw new GraphError(131008, { details: "The parameter message_id is required." });
      return { success: true };
    }
    if (typeof body.to !== "string" || digits(body.to).length < 5) {
      throw invalidParam("The parameter to is required.", "(#100) The parameter to is required.");
    }
    const type = typeof body.type === "string" ? body.type : "text";
    if (!MESSAGE_TYPES.has(type)) {
      throw new GraphError(131051, { details: `Unsupported message type: ${type}` });
    }
    const payload = body[type];
    if (payload === undefined)
      throw new GraphError(131008, { details: `The parameter ${type} is required.` });
    let template: TemplateState | undefined;
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
        validateMedia(type, payload);
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
        if (
          !Array.isArray(c) ||
          c.length === 0 ||
          c.some((x) => typeof x?.name?.formatted_name !== "string")
        ) {
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
        break;
      case "template":
        template = checkTemplate(phone, payload).template;
        break;
    }
    const waId = digits(body.to);
    if (waId === digits(phone.displayPhoneNumber)) throw new GraphError(131021);

    // throughput, then pair rate
    const tput = phone.throughputPerSecond ?? config.throughputPerSecond;
    if (tput > 0 && !takeToken(phone.bucket, tput, tput / 1000)) {
      state.stats.rateLimited++;
      throw new GraphError(130429);
    }
    if (config.pairRate) {
      const key = `${phone.id}:${waId}`;
      let b = state.pairBuckets.get(key);
      if (!b) {
        b = { tokens: Number.POSITIVE_INFINITY, last: 0 };
        state.pairBuckets.set(key, b);
      }
      if (!takeToken(b, config.pairRate.burst, 1 / config.pairRate.intervalMs)) {
        state.stats.pairRateLimited++;
        throw new GraphError(131056);
      }
    }

    const windowOpen = state.windowOpen(phone.id, waId, config.windowMs);
    let failCode: number | undefined;
    if (isNotOnWhatsApp(waId)) failCode = 131026;
    else if (type !== "template" && config.enforceWindow && !windowOpen) failCode = 131047;
    if (failCode !== undefined && config.recipientErrorMode === "sync") throw new GraphError(failCode);

    let category = "service";
    let billable = false;
    if (template) {
      category = template.category.toLowerCase();
      billable = !(category === "utility" && windowOpen);
    }
    const msg: SentMessage = {
      id: wamid(),
      phoneNumberId: phone.id,
      wabaId: phone.wabaId,
      to: body.to,
      waId,
      type,
      body,
      acceptedAt: Date.now(),
      status: "accepted",
      statuses: [],
    };
    logMessage(msg);
    state.stats.messagesAccepted++;
    schedulePipeline(phone, msg, category, billable, failCode);
    const out: { id: string; message_status?: string } = { id: msg.id };
    if (type === "template") out.message_status = "accepted";
    return { messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: waId }], messages: [out] };
  }

  // ---- templates -------------------------------------------------------------

  function reviewTemplate(t: TemplateState) {
    later(config.templateReview.delayMs, () => {
      if (!state.templates.has(t.id) || t.status !== "PENDING") return;
      const text = [
        t.name,
        ...t.components.map((c) => ("text" in c && typeof c.text === "string" ? c.text : "")),
      ]
        .join(" ")
        .toLowerCase();
      const banned = config.templateReview.bannedWords.find((w) => w && text.includes(w.toLowerCase()));
      setTemplateStatus(
        t,
        banned ? "REJECTED" : "APPROVED",
        banned ? config.templateReview.rejectReason : "NONE",
      );
    });
  }

  function setTemplateStatus(t: TemplateState, status: TemplateStatus, reason: string) {
    t.status = status;
    if (status === "REJECTED") t.rejected_reason = reason;
    else delete t.rejected_reason;
    webhooks.send(
      envelope(
        t.wabaId,
        "message_template_status_update",
        {
          event: status,
          message_template_id: Number(t.id),
          message_template_name: t.name,
          message_template_language: t.language,
          reason: reason,
        },
        true,
      ),
    );
  }

  function publicTemplate(t: TemplateState, fields?: string[]): Partial<MessageTemplate> {
    const full: MessageTemplate = {
      name: t.name,
      parameter_format: t.parameter_format ?? "POSITIONAL",
      components: t.components,
      language: t.language,
      status: t.status,
      category: t.category,
      id: t.id,
    };
    if (t.rejected_reason) full.rejected_reason = t.rejected_reason;
    if (!fields) return full;
    const out: Record<string, unknown> = { id: t.id };
    for (const f of fields) if (f in full) out[f] = (full as unknown as Record<string, unknown>)[f];
    return out as Partial<MessageTemplate>;
  }

  // ---- phone numbers --------------------------------------------------------

  function publicPhone(p: PhoneState, fields?: string[]): Partial<PhoneNumber> {
    const full: PhoneNumber = {
      verified_name: p.verifiedName,
      code_verification_status: p.codeVerificationStatus,
      display_phone_number: p.displayPhoneNumber,
      quality_rating: p.qualityRating,
      platform_type: p.registered ? "CLOUD_API" : "NOT_APPLICABLE",
      throughput: { level: (p.throughputPerSecond ?? config.throughputPerSecond) > 80 ? "HIGH" : "STANDARD" },
      messaging_limit_tier: p.messagingLimitTier,
      status: p.registered ? "CONNECTED" : "PENDING",
      id: p.id,
    };
    if (!fields) return full;
    const out: Record<string, unknown> = { id: p.id };
    for (const f of fields) if (f in full) out[f] = (full as unknown as Record<string, unknown>)[f];
    return out as Partial<PhoneNumber>;
  }

  const fieldsOf = (q: unknown): string[] | undefined => {
    const f = (q as { fields?: unknown }).fields;
    return typeof f === "string" && f.length > 0 ? f.split(",").map((s) => s.trim()) : undefined;
  };

  const bodyObj = (req: FastifyRequest): Record<string, unknown> =>
    typeof req.body === "object" && req.body !== null && !Buffer.isBuffer(req.body)
      ? (req.body as Record<string, unknown>)
      : {};

  // ---- Graph routes -------------------------------------------------------------

  app.post(
    "/:version/:id/messages",
    graph(
      (req) => {
        const { id } = req.params as { id: string };
        const phone = phoneOr404(id);
        if (!phone.registered) throw new GraphError(133010);
        return handleSend(phone, bodyObj(req));
      },
      { send: true },
    ),
  );

  app.post(
    "/:version/:id/media",
    graph(async (req) => {
      const { id } = req.params as { id: string };
      phoneOr404(id);
      if (!Buffer.isBuffer(req.body)) throw invalidParam("Media upload must be multipart/form-data");
      const ct = req.headers["content-type"] ?? "";
      const form = await new Response(new Uint8Array(req.body), {
        headers: { "content-type": ct },
      }).formData();
      if (form.get("messaging_product") !== "whatsapp") {
        throw invalidParam("The parameter messaging_product is required.");
      }
      const file = form.get("file");
      if (!(file instanceof Blob))
        throw new GraphError(131008, { details: "The parameter file is required." });
      const type = form.get("type");
      const mimeType = typeof type === "string" && type ? type : file.type || "application/octet-stream";
      const data = Buffer.from(await file.arrayBuffer());
      if (data.length === 0) throw new GraphError(131053, { details: "Uploaded file is empty" });
      const mediaId = state.nextNumericId("7");
      state.media.set(mediaId, {
        id: mediaId,
        phoneNumberId: id,
        mimeType,
        data,
        sha256: createHash("sha256").update(data).digest("hex"),
        filename: file instanceof File ? file.name : undefined,
        createdAt: Date.now(),
      });
      return { id: mediaId };
    }),
  );

  app.get(
    "/:version/:id",
    graph((req) => {
      const { id } = req.params as { id: string };
      const media = state.media.get(id);
      if (media) {
        return {
          messaging_product: "whatsapp",
          url: `${baseUrl}/whatsapp_business/attachments/?mid=${media.id}&ext=${Date.now()}`,
          mime_type: media.mimeType,
          sha256: media.sha256,
          file_size: media.data.length,
          id: media.id,
        };
      }
      const phone = state.phones.get(id);
      if (phone) return publicPhone(phone, fieldsOf(req.query));
      const waba = state.wabas.get(id);
      if (waba)
        return {
          id: waba.id,
          name: waba.name,
          currency: "USD",
          timezone_id: "1",
          message_template_namespace: `ns_${waba.id}`,
        };
      throw unknownObject(id);
    }),
  );

  // Editing a template (POST /{template-id}): Meta's rules on what may change and how often.
  app.post(
    "/:version/:id",
    graph((req) => {
      const { id } = req.params as { id: string };
      const t = state.templates.get(id);
      if (!t) throw unknownObject(id);
      const b = bodyObj(req) as Partial<TemplateDefinition>;
      if (!["APPROVED", "REJECTED", "PAUSED"].includes(t.status)) {
        throw new GraphError(100, {
          subcode: 2593107,
          details: "Only templates with status APPROVED, REJECTED or PAUSED can be edited",
        });
      }
      if (b.category !== undefined && b.category !== t.category && t.status === "APPROVED") {
        throw new GraphError(100, {
          subcode: 2593108,
          details: "The category of an approved template cannot be edited",
        });
      }
      if (b.components !== undefined) checkComponents(b.components);
      if (t.status === "APPROVED") {
        const now = Date.now();
        const edits = (t.approvedEdits ?? []).filter((at) => now - at < 30 * 86_400_000);
        if (edits.some((at) => now - at < 86_400_000) || edits.length >= 10) {
          throw new GraphError(100, {
            subcode: 2593109,
            details: "An approved template can be edited once in 24 hours and ten times in 30 days",
          });
        }
        t.approvedEdits = [...edits, now];
      }
      if (b.components) t.components = b.components;
      if (b.category) t.category = b.category as TemplateCategory;
      if (b.parameter_format) t.parameter_format = b.parameter_format;
      // An edit goes back to review.
      t.status = "PENDING";
      delete t.rejected_reason;
      reviewTemplate(t);
      return { success: true };
    }),
  );

  app.delete(
    "/:version/:id",
    graph((req) => {
      const { id } = req.params as { id: string };
      if (!state.media.delete(id)) throw unknownObject(id);
      return { success: true };
    }),
  );

  app.get("/whatsapp_business/attachments/", async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${config.accessToken}`) {
      const r = graphErrorBody(190, { message: "Invalid OAuth access token - Cannot parse access token" });
      return reply.code(401).send(r.body);
    }
    const mid = (req.query as { mid?: string }).mid ?? "";
    const media = state.media.get(mid);
    if (!media) return reply.code(404).send(graphErrorBody(100, { details: "Media not found" }).body);
    return reply.header("content-type", media.mimeType).send(media.data);
  });

  app.get(
    "/:version/:id/message_templates",
    graph((req) => {
      const { id } = req.params as { id: string };
      if (!state.wabas.has(id)) throw unknownObject(id);
      const q = req.query as Record<string, string | undefined>;
      let list = [...state.templates.values()].filter((t) => t.wabaId === id);
      if (q.name) list = list.filter((t) => t.name.includes(q.name ?? ""));
      if (q.status) list = list.filter((t) => t.status === q.status?.toUpperCase());
      if (q.category) list = list.filter((t) => t.category === q.category?.toUpperCase());
      if (q.language) list = list.filter((t) => t.language === q.language);
      const limit = Math.max(1, Math.min(Number(q.limit ?? 25) || 25, 1000));
      let start = 0;
      if (q.after) start = Number(Buffer.from(q.after, "base64url").toString()) || 0;
      const page = list.slice(start, start + limit);
      const fields = fieldsOf(q);
      const paging: Record<string, unknown> = {
        cursors: {
          before: Buffer.from(String(start)).toString("base64url"),
          after: Buffer.from(String(start + page.length)).toString("base64url"),
        },
      };
      if (start + page.length < list.length) {
        paging.next = `${baseUrl}${req.url.split("?")[0]}?limit=${limit}&after=${Buffer.from(String(start + page.length)).toString("base64url")}`;
      }
      return { data: page.map((t) => publicTemplate(t, fields)), paging };
    }),
  );

  app.post(
    "/:version/:id/message_templates",
    graph((req) => {
      const { id } = req.params as { id: string };
      if (!state.wabas.has(id)) throw unknownObject(id);
      const b = bodyObj(req) as Partial<TemplateDefinition>;
      if (typeof b.name !== "string" || !/^[a-z0-9_]{1,512}$/.test(b.name)) {
        throw new GraphError(100, {
          subcode: 2388042,
          details: "Template name can only contain lowercase alphanumeric characters and underscores",
        });
      }
      if (typeof b.language !== "string" || b.language.length < 2)
        throw invalidParam("The parameter language is required.");
      const categories: TemplateCategory[] = ["MARKETING", "UTILITY", "AUTHENTICATION"];
      if (!categories.includes(b.category as TemplateCategory)) {
        throw invalidParam("Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}");
      }
      checkComponents(b.components);
      const dup = [...state.templates.values()].find(
        (t) => t.wabaId === id && t.name === b.name && t.language === b.language,
      );
      if (dup) {
        throw new GraphError(100, {
          subcode: 2388024,
          message: "(#100) Invalid parameter",
          details: `Content in this language already exists: ${b.name} (${b.language})`,
        });
      }
      const tplId = state.nextNumericId("9");
      const t: TemplateState = {
        id: tplId,
        wabaId: id,
        name: b.name,
        language: b.language,
        category: b.category as TemplateCategory,
        components: b.components,
        status: "PENDING",
        createdAt: Date.now(),
        ...(b.parameter_format ? { parameter_format: b.parameter_format } : {}),
      };
      state.templates.set(tplId, t);
      reviewTemplate(t);
      return { id: tplId, status: "PENDING", category: t.category };
    }),
  );

  app.delete(
    "/:version/:id/message_templates",
    graph((req) => {
      const { id } = req.params as { id: string };
      if (!state.wabas.has(id)) throw unknownObject(id);
      const q = req.query as { name?: string; hsm_id?: string };
      if (!q.name) throw new GraphError(131008, { details: "The parameter name is required." });
      const matches = [...state.templates.values()].filter(
        (t) => t.wabaId === id && t.name === q.name && (!q.hsm_id || t.id === q.hsm_id),
      );
      if (matches.length === 0) {
        throw new GraphError(100, { subcode: 2593002, details: `Message template "${q.name}" not found` });
      }
      for (const t of matches) state.templates.delete(t.id);
      return { success: true };
    }),
  );

  app.get(
    "/:version/:id/phone_numbers",
    graph((req) => {
      const { id } = req.params as { id: string };
      if (!state.wabas.has(id)) throw unknownObject(id);
      const fields = fieldsOf(req.query);
      const data = state.phoneOfWaba(id).map((p) => publicPhone(p, fields));
      return { data, paging: { cursors: { before: "QVFIUk", after: "QVFIUk" } } };
    }),
  );

  app.post(
    "/:version/:id/register",
    graph((req) => {
      const { id } = req.params as { id: string };
      const phone = phoneOr404(id);
      const b = bodyObj(req);
      if (b.messaging_product !== "whatsapp")
        throw invalidParam("The parameter messaging_product is required.");
      if (typeof b.pin !== "string" || !/^\d{6}$/.test(b.pin)) {
        throw invalidParam("Param pin must be a 6-digit number", "(#100) Invalid parameter");
      }
      if (phone.codeVerificationStatus !== "VERIFIED") throw new GraphError(133006);
      if (phone.pin !== undefined && phone.pin !== b.pin) throw new GraphError(133005);
      phone.pin = b.pin;
      phone.registered = true;
      return { success: true };
    }),
  );

  app.post(
    "/:version/:id/deregister",
    graph((req) => {
      const { id } = req.params as { id: string };
      const phone = phoneOr404(id);
      phone.registered = false;
      return { success: true };
    }),
  );

  app.post(
    "/:version/:id/request_code",
    graph((req) => {
      const { id } = req.params as { id: string };
      const phone = phoneOr404(id);
      const b = { ...(req.query as object), ...bodyObj(req) } as Record<string, unknown>;
      if (b.code_method !== "SMS" && b.code_method !== "VOICE") {
        throw invalidParam("Param code_method must be one of {SMS, VOICE}");
      }
      if (typeof b.language !== "string")
        throw new GraphError(131008, { details: "The parameter language is required." });
      phone.pendingCode = "123456";
      return { success: true };
    }),
  );

  app.post(
    "/:version/:id/verify_code",
    graph((req) => {
      const { id } = req.params as { id: string };
      const phone = phoneOr404(id);
      const b = { ...(req.query as object), ...bodyObj(req) } as Record<string, unknown>;
      if (typeof b.code !== "string" && typeof b.code !== "number") {
        throw new GraphError(131008, { details: "The parameter code is required." });
      }
      if (phone.pendingCode === null || String(b.code) !== phone.pendingCode) throw new GraphError(136025);
      phone.pendingCode = null;
      phone.codeVerificationStatus = "VERIFIED";
      return { success: true };
    }),
  );

  app.get(
    "/:version/:id/whatsapp_business_profile",
    graph((req) => {
      const { id } = req.params as { id: string };
      const phone = phoneOr404(id);
      const fields = fieldsOf(req.query);
      const profile: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(phone.profile)) if (!fields || fields.includes(k)) profile[k] = v;
      return { data: [{ ...profile, messaging_product: "whatsapp" }] };
    }),
  );

  app.post(
    "/:version/:id/whatsapp_business_profile",
    graph((req) => {
      const { id } = req.params as { id: string };
      const phone = phoneOr404(id);
      const b = bodyObj(req);
      if (b.messaging_product !== "whatsapp")
        throw invalidParam("The parameter messaging_product is required.");
      const allowed = [
        "about",
        "address",
        "description",
        "email",
        "websites",
        "vertical",
        "profile_picture_handle",
      ];
      for (const k of Object.keys(b)) {
        if (k === "messaging_product") continue;
        if (!allowed.includes(k)) throw invalidParam(`Param ${k} is not a valid business profile field`);
      }
      if (typeof b.about === "string" && (b.about.length < 1 || b.about.length > 139)) {
        throw invalidParam("Param about must be between 1 and 139 characters");
      }
      if (b.websites !== undefined && (!Array.isArray(b.websites) || b.websites.length > 2)) {
        throw invalidParam("Param websites must be an array of at most 2 URLs");
      }
      const { messaging_product: _mp, profile_picture_handle: handle, ...rest } = b;
      Object.assign(phone.profile, rest);
      if (typeof handle === "string")
        phone.profile.profile_picture_url = `${baseUrl}/_emulator/profile/${id}.jpg`;
      return { success: true };
    }),
  );

  // ---- control endpoints ------------------------------------------------------

  function injectInbound(input: InboundInput): InboundResult {
    const phone =
      (input.to ? state.phones.get(input.to) : undefined) ??
      [...state.phones.values()].find((p) => p.registered && input.to === undefined);
    if (!phone) throw invalidParam(`Unknown phone number id ${input.to}`);
    const from = digits(input.from ?? "");
    if (from.length < 5) throw invalidParam("from must be a phone number");
    const id = wamid();
    const m: Record<string, unknown> = { from, id, timestamp: String(nowSec()) };
    const media = (type: string, x: InboundMediaInput) => {
      const data = Buffer.from(x.data ?? "ZW11bGF0b3I=", "base64");
      const mediaId = state.nextNumericId("7");
      const mimeType =
        x.mime_type ??
        (
          {
            image: "image/jpeg",
            audio: "audio/ogg; codecs=opus",
            video: "video/mp4",
            sticker: "image/webp",
          } as Record<string, string>
        )[type] ??
        "application/pdf";
      const sha256 = createHash("sha256").update(data).digest("hex");
      state.media.set(mediaId, {
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
      m.type = type;
      m[type] = o;
    };
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
      if (mt) media(mt, input[mt] as InboundMediaInput);
    }
    if (input.context) m.context = { from: digits(phone.displayPhoneNumber), id: input.context.id };
    if (input.message) Object.assign(m, input.message);
    if (input.type) m.type = input.type;
    if (m.type === undefined) {
      m.type = "unsupported";
      m.errors = [webhookErrorFor(131051, "Message type unknown")];
    }
    state.windows.set(`${phone.id}:${from}`, Date.now());
    state.inbound.push({ id, from, phoneNumberId: phone.id, receivedAt: Date.now(), message: m });
    if (state.inbound.length > config.maxLogEntries + Math.max(1, config.maxLogEntries >> 3)) {
      state.inbound.splice(0, state.inbound.length - config.maxLogEntries);
    }
    const payload = envelope(phone.wabaId, "messages", {
      messaging_product: "whatsapp",
      metadata: metadata(phone),
      contacts: [{ profile: { name: input.profileName ?? `User ${from.slice(-4)}` }, wa_id: from }],
      messages: [m],
    });
    webhooks.send(payload);
    return { id, phoneNumberId: phone.id, message: m, payload };
  }

  app.get("/_emulator/health", async () => ({ ok: true }));

  app.get("/_emulator/info", async () => ({
    url: baseUrl,
    accessToken: config.accessToken,
    appSecret: config.appSecret,
    verifyToken: config.verifyToken,
    webhookUrl: config.webhookUrl,
    wabas: [...state.wabas.values()].map((w) => ({
      id: w.id,
      name: w.name,
      phoneNumbers: state.phoneOfWaba(w.id).map((p) => publicPhone(p)),
    })),
    stats: state.stats,
  }));

  app.post("/_emulator/inbound", async (req) => injectInbound(bodyObj(req) as unknown as InboundInput));

  app.get("/_emulator/messages", async (req) => {
    const q = req.query as { to?: string; phone_number_id?: string; status?: string; limit?: string };
    let list = [...state.messages.values()];
    if (q.to) list = list.filter((m) => m.waId === digits(q.to ?? ""));
    if (q.phone_number_id) list = list.filter((m) => m.phoneNumberId === q.phone_number_id);
    if (q.status) list = list.filter((m) => m.status === q.status);
    if (q.limit) list = list.slice(-Number(q.limit));
    return { data: list };
  });

  app.get("/_emulator/messages/:id", async (req, reply) => {
    const m = state.messages.get((req.params as { id: string }).id);
    if (!m) return reply.code(404).send(graphErrorBody(100, { details: "Unknown message" }).body);
    return m;
  });

  app.get("/_emulator/inbound", async () => ({ data: state.inbound }));

  app.get("/_emulator/webhooks", async (req) => {
    const q = req.query as { status?: string };
    const list = q.status ? webhooks.deliveries.filter((d) => d.status === q.status) : webhooks.deliveries;
    return { data: list };
  });

  app.get("/_emulator/config", async () => config);

  app.post("/_emulator/config", async (req) => setConfig(bodyObj(req) as EmulatorConfigInput));

  app.post("/_emulator/reset", async () => {
    reset();
    return { success: true };
  });

  app.post("/_emulator/templates/:id/status", async (req) => {
    const t = state.templates.get((req.params as { id: string }).id);
    if (!t) throw invalidParam("Unknown template id");
    const b = bodyObj(req) as { status?: TemplateStatus; reason?: string };
    if (!b.status) throw invalidParam("status is required");
    setTemplateStatus(t, b.status, b.reason ?? "NONE");
    return publicTemplate(t);
  });

  /** Moves a template's quality score and sends Meta's message_template_quality_update webhook. */
  app.post("/_emulator/templates/:id/quality", async (req) => {
    const { id } = req.params as { id: string };
    const t = state.templates.get(id);
    if (!t) throw unknownObject(id);
    const scores = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const;
    const { score } = bodyObj(req) as { score?: (typeof scores)[number] };
    if (!score || !scores.includes(score)) throw invalidParam("score must be GREEN, YELLOW, RED or UNKNOWN");
    const previous = t.quality_score?.score ?? "UNKNOWN";
    t.quality_score = { score };
    const value = {
      previous_quality_score: previous,
      new_quality_score: score,
      message_template_id: Number(t.id),
      message_template_name: t.name,
      message_template_language: t.language,
    };
    webhooks.send(envelope(t.wabaId, "message_template_quality_update", value, true));
    return { success: true, value };
  });

  app.post("/_emulator/quality", async (req) => {
    const b = bodyObj(req) as {
      phoneNumberId?: string;
      event?: string;
      currentLimit?: string;
      qualityRating?: string;
    };
    const phone = phoneOr404(b.phoneNumberId ?? "");
    if (b.currentLimit) phone.messagingLimitTier = b.currentLimit as PhoneState["messagingLimitTier"];
    if (b.qualityRating) phone.qualityRating = b.qualityRating as PhoneState["qualityRating"];
    const value = {
      display_phone_number: digits(phone.displayPhoneNumber),
      event: b.event ?? "UPGRADE",
      current_limit: phone.messagingLimitTier,
    };
    webhooks.send(envelope(phone.wabaId, "phone_number_quality_update", value, true));
    return { success: true, value };
  });

  /** Performs Meta's GET verification handshake against the configured webhook URL. */
  app.post("/_emulator/webhook/verify", async () => {
    if (!config.webhookUrl) throw invalidParam("webhookUrl is not configured");
    const challenge = String(Math.floor(random() * 1e9));
    const u = new URL(config.webhookUrl);
    u.searchParams.set("hub.mode", "subscribe");
    u.searchParams.set("hub.verify_token", config.verifyToken);
    u.searchParams.set("hub.challenge", challenge);
    const res = await undiciRequest(u);
    const text = await res.body.text();
    return { ok: res.statusCode === 200 && text === challenge, statusCode: res.statusCode, body: text };
  });

  // ---- lifecycle --------------------------------------------------------------

  function setConfig(input: EmulatorConfigInput): EmulatorConfig {
    const seedChanged = input.randomSeed !== undefined && input.randomSeed !== config.randomSeed;
    const tputChanged =
      input.throughputPerSecond !== undefined && input.throughputPerSecond !== config.throughputPerSecond;
    config = mergeConfig(config, input);
    if (seedChanged) random = mulberry32(config.randomSeed);
    // a new limit starts with a full bucket
    if (tputChanged) for (const p of state.phones.values()) p.bucket.tokens = Number.POSITIVE_INFINITY;
    if (input.pairRate !== undefined) state.pairBuckets.clear();
    return config;
  }

  function reset() {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    webhooks.clear();
    random = mulberry32(config.randomSeed);
    state.seed(config);
  }

  await app.listen({ port, host });
  const addr = app.server.address();
  const actualPort = typeof addr === "object" && addr ? addr.port : port;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  return {
    url: baseUrl,
    state,
    get config() {
      return config;
    },
    setConfig,
    reset,
    webhooks,
    async drainWebhooks(timeoutMs = 5_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end && (timers.size > 0 || webhooks.pending() > 0)) await sleep(10);
    },
    injectInbound,
    app,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await webhooks.close();
      await app.close();
    },
  };
}
