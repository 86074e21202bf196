/** A phone number as Graph shows it. */
import type { PhoneNumber } from "../whatsapp/types.ts";
import type { EmulatorConfig } from "./config.ts";
import { PHONE_NUMBER_NODE, pickFields } from "./fields.ts";
import type { PhoneState } from "./state.ts";

/** Since 2026 the limit is the business portfolio's, under this field (messaging_limit_tier mirrors it). */
type PhoneNode = PhoneNumber & { whatsapp_business_manager_messaging_limit: string };

export function publicPhone(config: EmulatorConfig, p: PhoneState, fields?: string[]): Partial<PhoneNode> {
  const full: PhoneNode = {
    verified_name: p.verifiedName,
    code_verification_status: p.codeVerificationStatus,
    display_phone_number: p.displayPhoneNumber,
    quality_rating: p.qualityRating,
    platform_type: p.registered ? "CLOUD_API" : "NOT_APPLICABLE",
    throughput: { level: (p.throughputPerSecond ?? config.throughputPerSecond) > 80 ? "HIGH" : "STANDARD" },
    messaging_limit_tier: p.messagingLimitTier,
    whatsapp_business_manager_messaging_limit: p.messagingLimitTier,
    status: p.registered ? "CONNECTED" : "PENDING",
    id: p.id,
  };
  return pickFields(PHONE_NUMBER_NODE, full, fields);
}
