import { parsePhoneNumberWithError } from "libphonenumber-js/max";
import { badRequest } from "../../lib/problem.ts";

/** E.164 ("+5491123456789") from what a user typed; a clear 400 when it cannot be a phone number. */
export function toE164(input: string, field = "to"): string {
  const trimmed = input.trim();
  const withPlus = /^\d{8,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  try {
    const parsed = parsePhoneNumberWithError(withPlus);
    if (!parsed.isPossible()) throw new Error("not a possible number");
    return parsed.number;
  } catch {
    throw badRequest(
      "invalid_phone_number",
      `${field} "${input}" is not a phone number in international format`,
      {
        errors: [{ path: field, code: "invalid_phone_number", message: "use E.164, e.g. +5491123456789" }],
      },
    );
  }
}

/** The E.164 form of a WhatsApp id (digits only as Meta sends them). */
export function waIdToE164(waId: string): string {
  return `+${waId.replace(/\D/g, "")}`;
}
