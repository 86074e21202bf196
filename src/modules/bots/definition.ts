import { z } from "zod";
import { RenderParamsSchema } from "../templates/index.ts";

/** Node and attribute names: short identifiers, so templates like {{name}} and edges stay readable. */
const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "letters, digits, _ . - (starting with a letter), up to 64");
const text = z.string().min(1).max(4096);
const replyOption = z.object({ id: z.string().min(1).max(200), title: z.string().min(1).max(20) });

/** What a `send` node sends: the Cloud API's message kinds a bot needs, with Meta's limits. */
export const botMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text }),
  z.object({
    kind: z.literal("media"),
    mediaType: z.enum(["image", "video", "audio", "document"]),
    link: z.url(),
    caption: z.string().max(1024).optional(),
  }),
  z.object({ kind: z.literal("buttons"), text, buttons: z.array(replyOption).min(1).max(3) }),
  z.object({
    kind: z.literal("list"),
    text,
    button: z.string().min(1).max(20),
    rows: z
      .array(
        replyOption.extend({ title: z.string().min(1).max(24), description: z.string().max(72).optional() }),
      )
      .min(1)
      .max(10),
  }),
  z.object({
    kind: z.literal("template"),
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15),
    /** The template's parameters, as POST /v1/messages takes them. */
    parameters: RenderParamsSchema.optional(),
  }),
]);
export type BotMessage = z.infer<typeof botMessageSchema>;

const choice = z.object({
  id: identifier,
  title: z.string().min(1).max(20),
  /** Extra words that pick this choice (matched like keywords: accents, case and typos forgiven). */
  keywords: z.array(z.string().min(1).max(60)).max(20).optional(),
});

/** Where the portal's editor draws a node: saved with the draft and its versions, never read by the runtime. */
const canvasCoordinate = z.number().min(-100_000).max(100_000);
const nodePositionSchema = z.object({ x: canvasCoordinate, y: canvasCoordinate });

const base = {
  id: identifier,
  label: z.string().max(200).optional(),
  position: nodePositionSchema.optional(),
};

const attributeRule = z.object({
  kind: z.literal("attribute"),
  attribute: identifier,
  op: z.enum(["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists"]),
  value: z.union([z.string().max(500), z.number()]).optional(),
});
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const timeRule = z.object({
  kind: z.literal("time"),
  timezone: z.string().min(1).max(64),
  from: clock,
  to: clock,
  /** ISO weekdays, 1 = Monday; all days when absent. A business-hours rule is this with weekdays. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
});

export const nodeSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("send"), message: botMessageSchema }),
  z.object({
    ...base,
    type: z.literal("ask"),
    prompt: text,
    input: z.enum(["text", "number", "email", "date", "choice"]),
    choices: z.array(choice).min(1).max(10).optional(),
    attribute: identifier,
    retries: z.number().int().min(0).max(5).default(2),
    retryPrompt: z.string().min(1).max(1024).optional(),
    /** No answer in this many minutes: remind once (then close after as long again), or close. */
    timeoutMinutes: z.number().positive().max(10_080).optional(),
    timeoutAction: z.enum(["remind", "close"]).default("close"),
    reminder: z.string().min(1).max(1024).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("set_attribute"),
    attribute: identifier,
    /** May use {{attribute}} placeholders. */
    value: z.string().max(1024),
    /** Also stored on the contact (visible in the inbox's contact panel). */
    saveToContact: z.boolean().default(true),
  }),
  z.object({
    ...base,
    type: z.literal("condition"),
    match: z.enum(["all", "any"]).default("all"),
    rules: z
      .array(z.discriminatedUnion("kind", [attributeRule, timeRule]))
      .min(1)
      .max(20),
  }),
  z.object({
    ...base,
    type: z.literal("http"),
    url: z.url(),
    method: z.enum(["GET", "POST"]).default("POST"),
    /** POST body: attribute placeholders are filled in; the session's attributes when absent. */
    body: z.record(z.string(), z.string().max(1024)).optional(),
    timeoutMs: z.number().int().min(100).max(15_000).default(5_000),
    /** attribute name -> dotted path into the JSON answer ("order.status"). */
    map: z.record(identifier, z.string().min(1).max(200)).default({}),
    /** Signs the body: header X-Charla-Signature: sha256=HMAC(secret, timestamp + "." + body). */
    secret: z.string().min(8).max(200).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("classify"),
    /** Intents the language model chooses from; edges use the intent name, or "fallback". */
    intents: z
      .array(z.object({ name: identifier, description: z.string().min(1).max(300) }))
      .min(1)
      .max(20),
    attribute: identifier.default("intent"),
  }),
  z.object({
    ...base,
    type: z.literal("answer"),
    /** Extra instructions for the model (tone, what it may promise). */
    instructions: z.string().max(2000).optional(),
    /** Where the answer is kept; edges "answered", or "fallback" when the knowledge base has nothing. */
    attribute: identifier.default("answer"),
  }),
  z.object({
    ...base,
    type: z.literal("handover"),
    teamId: z.uuid().optional(),
    assigneeId: z.uuid().optional(),
    /** The summary note for the agent; {{attribute}} placeholders are filled, collected answers appended. */
    note: z.string().max(2000).optional(),
    message: z.string().min(1).max(1024).optional(),
  }),
  z.object({ ...base, type: z.literal("end"), message: z.string().min(1).max(1024).optional() }),
]);
export type FlowNode = z.infer<typeof nodeSchema>;
export type NodeOf<T extends FlowNode["type"]> = Extract<FlowNode, { type: T }>;

/**
 * An edge leaves `from` for `to`. `when` picks among a node's edges: a choice id (ask), "true" /
 * "false" (condition), "ok" / "error" (http), an intent or "fallback" (classify), "invalid" (an ask
 * whose retries ran out); an edge without `when` is the node's default way on.
 */
export const edgeSchema = z.object({
  from: identifier,
  to: identifier,
  when: z.string().min(1).max(64).optional(),
});
export type FlowEdge = z.infer<typeof edgeSchema>;

/** Voice replies: "mirror" answers a voice note with voice notes, "always" every message; text otherwise. */
export const voiceSettingsSchema = z.object({
  replies: z.enum(["off", "mirror", "always"]).default("mirror"),
  /** An espeak-ng voice ("en", "es", "pt-br", "en-us+m3"). */
  voice: z
    .string()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?(\+[a-z0-9]{1,10})?$/i)
    .default("en"),
});

export const flowDefinitionSchema = z.object({
  start: identifier,
  voice: voiceSettingsSchema.optional(),
  nodes: z.array(nodeSchema).min(1).max(200),
  edges: z.array(edgeSchema).max(500),
});
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;

/** What starts a flow for a conversation with no bot running. */
export const triggersSchema = z.object({
  /** Whole-word keywords, matched without accents or case and with small typos forgiven. */
  keywords: z.array(z.string().min(1).max(60)).max(50).default([]),
  /** Wildcard patterns over the whole message ("pedido *", "*precio*"): * is any text. */
  patterns: z.array(z.string().min(1).max(120)).max(20).default([]),
  /** A contact's very first message to the business. */
  firstContact: z.boolean().default(false),
  /** Button or list replies whose id is one of these (e.g. a template's quick reply payload). */
  buttonIds: z.array(z.string().min(1).max(200)).max(50).default([]),
  /** A reply (WhatsApp's context) to one of the tenant's template messages: a campaign's reply. */
  campaignReply: z.boolean().default(false),
});
export type FlowTriggers = z.infer<typeof triggersSchema>;

export const emptyTriggers: FlowTriggers = {
  keywords: [],
  patterns: [],
  firstContact: false,
  buttonIds: [],
  campaignReply: false,
};
