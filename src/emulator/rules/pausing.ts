/**
 * Template pausing for low quality: a template whose quality stays RED is paused for 3 h the first
 * time, 6 h the second (`templatePausing`), and disabled the third, each with Meta's
 * message_template_status_update (other_info FIRST_PAUSE, SECOND_PAUSE, UNPAUSE, DISABLED).
 */
import { type EmulatorContext, envelope } from "../context.ts";
import type { TemplateState } from "../state.ts";
import { paceAfterPause } from "./pacing.ts";

function statusUpdate(
  ctx: EmulatorContext,
  t: TemplateState,
  event: string,
  title: string,
  description: string,
) {
  ctx.webhooks.send(
    envelope(
      t.wabaId,
      "message_template_status_update",
      {
        event,
        message_template_id: Number(t.id),
        message_template_name: t.name,
        message_template_language: t.language,
        reason: null,
        other_info: { title, description },
      },
      true,
    ),
  );
}

/** Called when a template's quality becomes RED: pauses it if it is still RED after `afterRedMs`. */
export function pauseForQuality(ctx: EmulatorContext, t: TemplateState): void {
  const { afterRedMs } = ctx.config.templatePausing;
  if (afterRedMs <= 0) pause(ctx, t);
  else {
    t.pauseCheckAt = Date.now() + afterRedMs;
    schedulePauseCheck(ctx, t);
  }
}

function schedulePauseCheck(ctx: EmulatorContext, t: TemplateState): void {
  const due = t.pauseCheckAt;
  if (due === undefined) return;
  ctx.timers.at(due, () => {
    if (t.pauseCheckAt !== due) return; // a later RED moved the check
    t.pauseCheckAt = undefined;
    if (t.quality_score?.score === "RED") pause(ctx, t);
  });
}

function scheduleUnpause(ctx: EmulatorContext, t: TemplateState): void {
  const due = t.pausedUntil;
  if (due === undefined) return;
  ctx.timers.at(due, () => {
    if (t.pausedUntil !== due) return;
    t.pausedUntil = undefined;
    if (t.status !== "PAUSED" || !ctx.state.templates.has(t.id)) return;
    t.status = "APPROVED";
    paceAfterPause(ctx, t);
    statusUpdate(ctx, t, "APPROVED", "UNPAUSE", "Your template is active again.");
  });
}

/** After a restart: a pending RED check and a running pause go on to their original times. */
export function resumePausing(ctx: EmulatorContext, t: TemplateState): void {
  schedulePauseCheck(ctx, t);
  if (t.status === "PAUSED") scheduleUnpause(ctx, t);
}

function pause(ctx: EmulatorContext, t: TemplateState): void {
  const rule = ctx.config.templatePausing;
  if (!rule.enabled || t.status !== "APPROVED" || !ctx.state.templates.has(t.id)) return;
  t.pauses = (t.pauses ?? 0) + 1;
  if (t.pauses >= 3) {
    t.status = "DISABLED";
    statusUpdate(ctx, t, "DISABLED", "DISABLED", "Your template has been disabled due to low quality.");
    return;
  }
  const first = t.pauses === 1;
  t.status = "PAUSED";
  statusUpdate(
    ctx,
    t,
    "PAUSED",
    first ? "FIRST_PAUSE" : "SECOND_PAUSE",
    `Your template has been paused for ${first ? 3 : 6} hours due to low quality.`,
  );
  t.pausedUntil = Date.now() + (first ? rule.firstPauseMs : rule.secondPauseMs);
  scheduleUnpause(ctx, t);
}
