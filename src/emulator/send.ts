/** POST /{phone-number-id}/messages: validation, rate limits, the 24h window, acceptance. */
import { digits, displayDigits, type EmulatorContext, wamid } from "./context.ts";
import { GraphError, invalidParam } from "./graph-error.ts";
import { isNotOnWhatsApp, takeToken } from "./recipients.ts";
import { bsuidOf, bsuidsOn, waIdOfBsuid } from "./rules/bsuid.ts";
import { limitFailure } from "./rules/limits.ts";
import { marketingFailure } from "./rules/marketing.ts";
import { holdsForAssessment, releaseHeld } from "./rules/pacing.ts";
import { entryPointOpen, pricingFor } from "./rules/pricing.ts";
import { checkMaintenance } from "./rules/throughput.ts";
import { markRead, stopTyping } from "./rules/typing.ts";
import type { PhoneState, SentMessage, TemplateState } from "./state.ts";
import { schedulePipeline } from "./status-pipeline.ts";
import { checkTemplateSend } from "./templates.ts";
import { MESSAGE_TYPES, validatePayload } from "./validate-message.ts";

/** The user a send is for: `to` (a phone number), or since 2026 `recipient` (a BSUID). */
function recipientOf(ctx: EmulatorContext, phone: PhoneState, body: Record<string, unknown>) {
  if (typeof body.to === "string" && digits(body.to).length >= 5)
    return { waId: digits(body.to), input: body.to, viaUserId: false };
  if (body.to === undefined && typeof body.recipient === "string" && bsuidsOn(ctx))
    return { waId: waIdOfBsuid(ctx, phone, body.recipient), input: body.recipient, viaUserId: true };
  throw invalidParam("The parameter to is required.", "(#100) The parameter to is required.");
}

/** Throughput (130429), then pair rate (131056). */
function checkRates(ctx: EmulatorContext, phone: PhoneState, waId: string): void {
  const { config, state } = ctx;
  checkMaintenance(phone);
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
}

/** The 2026 rules on templates: the portfolio's messaging limit, then marketing's own limits. */
function templateFailure(
  ctx: EmulatorContext,
  phone: PhoneState,
  waId: string,
  template: TemplateState,
  windowOpen: boolean,
): number | undefined {
  if (!windowOpen) {
    const limited = limitFailure(ctx, phone, waId);
    if (limited !== undefined) return limited;
  }
  return template.category === "MARKETING" ? marketingFailure(ctx, waId, windowOpen) : undefined;
}

function logMessage(ctx: EmulatorContext, m: SentMessage) {
  const { messages } = ctx.state;
  messages.set(m.id, m);
  if (messages.size > ctx.config.maxLogEntries) {
    const first = messages.keys().next().value;
    if (first !== undefined) messages.delete(first);
  }
}

export function handleSend(ctx: EmulatorContext, phone: PhoneState, body: Record<string, unknown>) {
  const { config, state } = ctx;
  if (body.messaging_product !== "whatsapp") {
    throw invalidParam(
      "The parameter messaging_product is required.",
      "(#100) The parameter messaging_product is required.",
    );
  }
  if (body.status === "read") return markRead(ctx, phone, body);
  const target = recipientOf(ctx, phone, body);
  const type = typeof body.type === "string" ? body.type : "text";
  if (!MESSAGE_TYPES.has(type)) {
    throw new GraphError(131051, { details: `Unsupported message type: ${type}` });
  }
  const payload = body[type];
  if (payload === undefined) throw new GraphError(131008, { details: `The parameter ${type} is required.` });
  let template: TemplateState | undefined;
  if (type === "template") template = checkTemplateSend(ctx, phone, payload);
  else validatePayload(ctx, type, payload);
  const { waId, input } = target;
  if (waId === displayDigits(phone.displayPhoneNumber)) throw new GraphError(131021);
  checkRates(ctx, phone, waId);

  const windowOpen = state.windowOpen(phone.id, waId, config.windowMs);
  let failCode: number | undefined;
  if (isNotOnWhatsApp(config, waId)) failCode = 131026;
  else if (type !== "template" && config.enforceWindow && !windowOpen) failCode = 131047;
  if (failCode !== undefined && config.recipientErrorMode === "sync") throw new GraphError(failCode);
  failCode ??= template ? templateFailure(ctx, phone, waId, template, windowOpen) : undefined;

  const msg: SentMessage = {
    id: wamid(),
    phoneNumberId: phone.id,
    wabaId: phone.wabaId,
    to: input,
    waId,
    userId: bsuidsOn(ctx) ? bsuidOf(ctx, phone, waId) : undefined,
    sentToUserId: target.viaUserId,
    type,
    body,
    acceptedAt: Date.now(),
    status: "accepted",
    statuses: [],
  };
  logMessage(ctx, msg);
  state.stats.messagesAccepted++;
  const entryPoint = entryPointOpen(state.entryPoints, `${phone.id}:${waId}`, msg.acceptedAt);
  const pricing = pricingFor(config, template?.category, windowOpen, msg.acceptedAt, entryPoint);
  if (failCode === undefined) stopTyping(ctx, phone.id, waId);
  const out: { id: string; message_status?: string } = { id: msg.id };
  if (type === "template") out.message_status = "accepted";
  if (template && failCode === undefined && holdsForAssessment(ctx, template)) {
    out.message_status = "held_for_quality_assessment";
    msg.held = { until: msg.acceptedAt + config.templatePacing.holdMs, templateId: template.id, pricing };
    releaseHeld(ctx, phone, msg);
  } else schedulePipeline(ctx, phone, msg, pricing, failCode);
  const contact = target.viaUserId ? { input, user_id: input } : { input, wa_id: waId };
  return { messaging_product: "whatsapp", contacts: [contact], messages: [out] };
}
