/** Control endpoints under /_emulator/ (no auth): inspect, configure, inject and move state. */
import type { FastifyInstance } from "fastify";
import { request as undiciRequest } from "undici";
import { graphErrorBody } from "../../whatsapp/errors.ts";
import type { TemplateStatus } from "../../whatsapp/types.ts";
import type { EmulatorConfigInput } from "../config.ts";
import { digits, type EmulatorContext, envelope } from "../context.ts";
import { invalidParam, unknownObject } from "../graph-error.ts";
import { bodyObj } from "../http.ts";
import { type InboundInput, injectInbound } from "../inbound.ts";
import { type EmulatorSnapshot, exportState, importState } from "../persistence.ts";
import { publicPhone } from "../phones.ts";
import { phoneQualityValue, sendPhoneQualityUpdate } from "../quality.ts";
import { portfolioOf, setPortfolioTier } from "../rules/limits.ts";
import { pauseForQuality } from "../rules/pausing.ts";
import { startThroughputUpgrade } from "../rules/throughput.ts";
import { activeTyping } from "../rules/typing.ts";
import type { PhoneState } from "../state.ts";
import { publicTemplate, setTemplateStatus } from "../templates.ts";

function registerInspection(app: FastifyInstance, ctx: EmulatorContext): void {
  const { state } = ctx;
  app.get("/_emulator/health", async () => ({ ok: true }));

  app.get("/_emulator/info", async () => ({
    url: ctx.baseUrl,
    accessToken: ctx.config.accessToken,
    appSecret: ctx.config.appSecret,
    verifyToken: ctx.config.verifyToken,
    webhookUrl: ctx.config.webhookUrl,
    wabas: [...state.wabas.values()].map((w) => ({
      id: w.id,
      name: w.name,
      phoneNumbers: state.phoneOfWaba(w.id).map((p) => publicPhone(ctx.config, p)),
    })),
    stats: state.stats,
  }));

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
    const { deliveries } = ctx.webhooks;
    return { data: q.status ? deliveries.filter((d) => d.status === q.status) : deliveries };
  });

  app.get("/_emulator/config", async () => ctx.config);
}

function registerStateMoves(app: FastifyInstance, ctx: EmulatorContext): void {
  const { state } = ctx;
  app.post("/_emulator/inbound", async (req) => injectInbound(ctx, bodyObj(req) as unknown as InboundInput));

  app.post("/_emulator/config", async (req) => ctx.setConfig(bodyObj(req) as EmulatorConfigInput));

  app.post("/_emulator/reset", async () => {
    ctx.reset();
    return { success: true };
  });

  app.post("/_emulator/templates/:id/status", async (req) => {
    const t = state.templates.get((req.params as { id: string }).id);
    if (!t) throw invalidParam("Unknown template id");
    const b = bodyObj(req) as { status?: TemplateStatus; reason?: string };
    if (!b.status) throw invalidParam("status is required");
    setTemplateStatus(ctx, t, b.status, b.reason ?? "NONE");
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
    ctx.webhooks.send(envelope(t.wabaId, "message_template_quality_update", value, true));
    if (score === "RED") pauseForQuality(ctx, t);
    return { success: true, value };
  });

  app.post("/_emulator/quality", async (req) => {
    const b = bodyObj(req) as {
      phoneNumberId?: string;
      event?: string;
      /** The new limit (`currentLimit` is its pre-2026 name). */
      maxDailyConversationsPerBusiness?: string;
      currentLimit?: string;
      qualityRating?: string;
    };
    const phone = ctx.phoneOr404(b.phoneNumberId ?? "");
    if (b.qualityRating) phone.qualityRating = b.qualityRating as PhoneState["qualityRating"];
    const limit = b.maxDailyConversationsPerBusiness ?? b.currentLimit;
    const portfolio = portfolioOf(ctx, phone);
    // The limit is the business portfolio's: every number of it moves and notifies.
    if (limit && portfolio) setPortfolioTier(ctx, portfolio, limit, b.event ?? "UPGRADE");
    else sendPhoneQualityUpdate(ctx, phone, b.event ?? "UPGRADE");
    return { success: true, value: phoneQualityValue(ctx, phone, b.event ?? "UPGRADE") };
  });

  /** Performs Meta's GET verification handshake against the configured webhook URL. */
  app.post("/_emulator/webhook/verify", async () => {
    if (!ctx.config.webhookUrl) throw invalidParam("webhookUrl is not configured");
    const challenge = String(Math.floor(ctx.random() * 1e9));
    const u = new URL(ctx.config.webhookUrl);
    u.searchParams.set("hub.mode", "subscribe");
    u.searchParams.set("hub.verify_token", ctx.config.verifyToken);
    u.searchParams.set("hub.challenge", challenge);
    const res = await undiciRequest(u);
    const text = await res.body.text();
    return { ok: res.statusCode === 200 && text === challenge, statusCode: res.statusCode, body: text };
  });
}

/** The 2026 rules' state: portfolios and their limits, typing indicators, throughput upgrades. */
function registerRuleEndpoints(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/_emulator/portfolios", async () => ({
    data: [...ctx.state.portfolios.values()].map((p) => ({
      id: p.id,
      tier: p.tier,
      usersReached: p.reached.size,
      scalePending: p.scalePending,
    })),
  }));
  app.get("/_emulator/typing", async () => ({ data: activeTyping(ctx) }));
  app.get("/_emulator/state", async () => exportState(ctx));
  app.post("/_emulator/state", async (req) => {
    try {
      importState(ctx, bodyObj(req) as unknown as EmulatorSnapshot);
    } catch (error) {
      throw invalidParam((error as Error).message);
    }
    return { success: true };
  });
  app.post("/_emulator/throughput-upgrade", async (req) => {
    const phone = ctx.phoneOr404(String(bodyObj(req).phoneNumberId ?? ""));
    startThroughputUpgrade(ctx, phone);
    return { success: true };
  });
}

export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerInspection(app, ctx);
  registerStateMoves(app, ctx);
  registerRuleEndpoints(app, ctx);
}
