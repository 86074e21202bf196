/**
 * `phone_number_quality_update`: a number's messaging limit or throughput moved. Meta's 2026 shape
 * carries the business portfolio's limit in `max_daily_conversations_per_business`; `current_limit`
 * and `old_limit` were removed in February 2026 (config `webhookFormat.phoneNumberQuality`:
 * "2026" by default, "legacy" for the old fields, "both" for the changeover).
 */
import { digits, type EmulatorContext, envelope } from "./context.ts";
import type { PhoneState } from "./state.ts";

export function phoneQualityValue(
  ctx: EmulatorContext,
  phone: PhoneState,
  event: string,
  oldLimit?: string,
): Record<string, unknown> {
  const format = ctx.config.webhookFormat.phoneNumberQuality;
  const value: Record<string, unknown> = { display_phone_number: digits(phone.displayPhoneNumber), event };
  if (format !== "2026") {
    if (oldLimit !== undefined && oldLimit !== phone.messagingLimitTier) value.old_limit = oldLimit;
    value.current_limit = phone.messagingLimitTier;
  }
  if (format !== "legacy") value.max_daily_conversations_per_business = phone.messagingLimitTier;
  return value;
}

/** Sends the webhook and returns its value. */
export function sendPhoneQualityUpdate(
  ctx: EmulatorContext,
  phone: PhoneState,
  event: string,
  oldLimit?: string,
): Record<string, unknown> {
  const value = phoneQualityValue(ctx, phone, event, oldLimit);
  ctx.webhooks.send(envelope(phone.wabaId, "phone_number_quality_update", value, true));
  return value;
}
