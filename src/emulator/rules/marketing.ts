/**
 * Marketing templates: never delivered to US numbers, and a per-user limit across businesses
 * (131049, a failed status), not applied inside a service window nor in the EEA, UK, Japan and
 * South Korea.
 */
import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from "libphonenumber-js";
import type { EmulatorContext } from "../context.ts";
import { memoize } from "../memo.ts";

/** Calling code -> the countries that share it (most have one). */
const countriesByCallingCode = new Map<string, CountryCode[]>();
for (const country of getCountries()) {
  const code = getCountryCallingCode(country);
  countriesByCallingCode.set(code, [...(countriesByCallingCode.get(code) ?? []), country]);
}

const parsedCountry = memoize((waId: string) => parsePhoneNumberFromString(`+${waId}`)?.country);

/**
 * The user's country from the number, as libphonenumber's parse gives it: a calling code of one
 * country is that country whatever follows (the parse's own rule, here without parsing, which
 * costs more than the rest of a send); shared codes (+1, +7, +44...) and odd lengths are parsed.
 */
export function countryOf(waId: string): string | undefined {
  for (let length = 1; length <= 3; length++) {
    const countries = countriesByCallingCode.get(waId.slice(0, length));
    if (!countries) continue;
    const national = waId.length - length;
    // The parse refuses a national number under 2 or over 17 digits (no country then).
    if (countries.length === 1 && national >= 2 && national <= 17 && /^\d+$/.test(waId)) return countries[0];
    return parsedCountry(waId);
  }
  return parsedCountry(waId);
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
