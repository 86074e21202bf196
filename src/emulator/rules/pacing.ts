/**
 * Template pacing: a new marketing template (and a utility template for 7 days after a pause) goes
 * out to its first `threshold` users; further messages are held (`message_status:
 * held_for_quality_assessment`) for `holdMs` while Meta assesses the template, then delivered, or
 * failed with 132015 if the template was paused meanwhile. Config `templatePacing`.
 */
import type { EmulatorContext } from "../context.ts";
import type { PhoneState, SentMessage, TemplateState } from "../state.ts";
import { schedulePipeline } from "../status-pipeline.ts";
import type { PricingObject } from "./pricing.ts";

/** A new template of a paced category is paced. */
export function startPacing(ctx: EmulatorContext, t: TemplateState): void {
  const rule = ctx.config.templatePacing;
  if (rule.enabled && rule.categories.includes(t.category))
    t.pacing = { sends: 0, until: Number.POSITIVE_INFINITY };
}

/** A utility template is paced for a while after a pause. */
export function paceAfterPause(ctx: EmulatorContext, t: TemplateState): void {
  const rule = ctx.config.templatePacing;
  if (rule.enabled && t.category === "UTILITY")
    t.pacing = { sends: 0, until: Date.now() + rule.afterPauseMs };
}

/** Whether this send is held: beyond the threshold of a template under pacing. */
export function holdsForAssessment(ctx: EmulatorContext, t: TemplateState, now = Date.now()): boolean {
  if (!t.pacing || !ctx.config.templatePacing.enabled || now > t.pacing.until) return false;
  t.pacing.sends++;
  return t.pacing.sends > ctx.config.templatePacing.threshold;
}

/**
 * A held message goes on after the assessment (`msg.held.until`, kept across a restart): its
 * statuses as usual, or failed (132015) if Meta paused or disabled the template meanwhile.
 */
export function releaseHeld(ctx: EmulatorContext, phone: PhoneState, msg: SentMessage): void {
  const held = msg.held;
  if (!held) return;
  ctx.timers.at(held.until, () => {
    if (msg.held !== held) return;
    msg.held = undefined;
    const status = ctx.state.templates.get(held.templateId)?.status;
    const paused = status === "PAUSED" || status === "DISABLED";
    schedulePipeline(ctx, phone, msg, held.pricing as PricingObject, paused ? 132015 : undefined);
  });
}
