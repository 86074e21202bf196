/**
 * Template pacing: a new marketing template (and a utility template for 7 days after a pause) goes
 * out to its first `threshold` users; further messages are held (`message_status:
 * held_for_quality_assessment`) for `holdMs` while Meta assesses the template, then delivered, or
 * failed with 132015 if the template was paused meanwhile. Config `templatePacing`.
 */
import type { EmulatorContext } from "../context.ts";
import type { TemplateState } from "../state.ts";

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
