/**
 * Marketing templates: never delivered to US numbers, and a per-user limit across businesses
 * (131049, a failed status), not applied inside a service window nor in the EEA, UK, Japan and
 * South Korea.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { EmulatorContext } from "../context.ts";

export function countryOf(waId: string): string | undefined {
  return parsePhoneNumberFromString(`+${waId}`)?.country;
}

/** 131049 when the marketing template must not be delivered; otherwise counts it. */
export function marketingFailure(
  ctx: EmulatorContext,
  waId: string,
  windowOpen: boolean,
  now = Date.now(),
): number | undefined {
  const rule = ctx.config.marketing;
  if (!rule.enabled) return undefined;
  const country = countryOf(waId);
  if (country !== undefined && rule.blockedCountries.includes(country)) return 131049;
  if (windowOpen || (country !== undefined && rule.exemptCountries.includes(country))) return undefined;
  const received = (ctx.state.marketingReceived.get(waId) ?? []).filter((at) => now - at < rule.windowMs);
  if (received.length >= rule.perUserLimit) return 131049;
  received.push(now);
  ctx.state.marketingReceived.set(waId, received);
  return undefined;
}
