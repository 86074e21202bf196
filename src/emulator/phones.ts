/** A phone number as Graph shows it. */
import type { PhoneNumber } from "../whatsapp/types.ts";
import type { EmulatorConfig } from "./config.ts";
import type { PhoneState } from "./state.ts";

/** Only the asked `fields` (plus id) of a full object, as Graph answers `?fields=`. */
export function pickFields<T extends { id: string }>(full: T, fields?: string[]): Partial<T> {
  if (!fields) return full;
  const out: Record<string, unknown> = { id: full.id };
  for (const f of fields) if (f in full) out[f] = (full as unknown as Record<string, unknown>)[f];
  return out as Partial<T>;
}

export function publicPhone(config: EmulatorConfig, p: PhoneState, fields?: string[]): Partial<PhoneNumber> {
  const full: PhoneNumber = {
    verified_name: p.verifiedName,
    code_verification_status: p.codeVerificationStatus,
    display_phone_number: p.displayPhoneNumber,
    quality_rating: p.qualityRating,
    platform_type: p.registered ? "CLOUD_API" : "NOT_APPLICABLE",
    throughput: { level: (p.throughputPerSecond ?? config.throughputPerSecond) > 80 ? "HIGH" : "STANDARD" },
    messaging_limit_tier: p.messagingLimitTier,
    status: p.registered ? "CONNECTED" : "PENDING",
    id: p.id,
  };
  return pickFields(full, fields);
}
