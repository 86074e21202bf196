import { type CountryCode, parsePhoneNumberWithError } from "libphonenumber-js/max";
import { badRequest } from "../../lib/problem.ts";

function parsePossible(text: string, defaultCountry?: CountryCode): string | undefined {
  try {
    const parsed = parsePhoneNumberWithError(text, defaultCountry);
    return parsed.isPossible() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

/**
 * E.164 ("+5491123456789") from what a user typed; a clear 400 when it cannot be a phone number.
 * With a default country, a number written without its country code ("011 5555-0001") is read
 * as one of that country's; digits alone are otherwise taken as international.
 */
export function toE164(input: string, field = "to", defaultCountry?: string): string {
  const trimmed = input.trim();
  const international = /^\d{8,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const national = defaultCountry ? parsePossible(trimmed, defaultCountry as CountryCode) : undefined;
  const number = national ?? parsePossible(international);
  if (number) return number;
  throw badRequest(
    "invalid_phone_number",
    `${field} "${input}" is not a phone number in international format`,
    {
      errors: [{ path: field, code: "invalid_phone_number", message: "use E.164, e.g. +5491123456789" }],
    },
  );
}

/** The E.164 form of a WhatsApp id (digits only as Meta sends them). */
export function waIdToE164(waId: string): string {
  return `+${waId.replace(/\D/g, "")}`;
}
