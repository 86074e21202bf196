/**
 * `?fields=` as Graph reads it: only the asked fields (plus id) come back, a field the node type
 * has but the emulator does not hold is left out, and a field the node type does not have is a
 * 400 (#100) naming it and the node type.
 */
import { GraphError } from "./graph-error.ts";

export interface NodeType {
  /** Graph's name of the node type, as its errors print it. */
  name: string;
  /** Every field Meta documents for it (the emulator may hold fewer). */
  fields: ReadonlySet<string>;
}

const node = (name: string, fields: string[]): NodeType => ({ name, fields: new Set(fields) });

export const PHONE_NUMBER_NODE = node("WhatsAppBusinessPhoneNumber", [
  "id",
  "display_phone_number",
  "verified_name",
  "quality_rating",
  "code_verification_status",
  "name_status",
  "new_name_status",
  "platform_type",
  "throughput",
  "messaging_limit_tier",
  "whatsapp_business_manager_messaging_limit",
  "status",
  "country_code",
  "country_dial_code",
  "unified_cert_status",
  "account_mode",
  "host_platform",
  "is_official_business_account",
  "is_pin_enabled",
  "is_preverified_number",
  "certificate",
  "new_certificate",
  "last_onboarded_time",
  "health_status",
  "search_visibility",
  "conversational_automation",
  "webhook_configuration",
  "username",
  "quality_score",
]);

export const TEMPLATE_NODE = node("WhatsAppBusinessHSM", [
  "id",
  "name",
  "language",
  "status",
  "category",
  "sub_category",
  "previous_category",
  "correct_category",
  "components",
  "parameter_format",
  "rejected_reason",
  "quality_score",
  "library_template_name",
  "message_send_ttl_seconds",
  "cta_url_link_tracking_opted_out",
  "degrees_of_freedom_spec",
]);

export const WABA_NODE = node("WhatsAppBusinessAccount", [
  "id",
  "name",
  "account_review_status",
  "purchase_order_number",
  "audiences",
  "ownership_type",
  "subscribed_apps",
  "business_verification_status",
  "country",
  "currency",
  "timezone_id",
  "on_behalf_of_business_info",
  "schedules",
  "is_enabled_for_insights",
  "dcc_config",
  "message_templates",
  "phone_numbers",
  "message_template_namespace",
  "health_status",
  "primary_funding_id",
  "whatsapp_business_manager_messaging_limit",
]);

export const BUSINESS_PROFILE_NODE = node("WhatsAppBusinessProfile", [
  "id",
  "messaging_product",
  "about",
  "address",
  "description",
  "email",
  "profile_picture_url",
  "websites",
  "vertical",
]);

/** The `fields` parameter as a list, or undefined when absent or empty. */
export function fieldsOf(params: unknown): string[] | undefined {
  const f = (params as { fields?: unknown }).fields;
  if (typeof f !== "string" || f.length === 0) return undefined;
  return f
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Throws Graph's 400 for the first asked field the node type does not have. */
export function checkFields(type: NodeType, fields: string[] | undefined): void {
  const unknown = fields?.find((f) => !type.fields.has(f));
  if (unknown !== undefined) {
    throw new GraphError(100, {
      message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (${type.name})`,
      errorData: false,
    });
  }
}

/** Only the asked `fields` (plus id) of a full object, as Graph answers `?fields=`. */
export function pickFields<T extends { id: string }>(
  type: NodeType,
  full: T,
  fields: string[] | undefined,
): Partial<T> {
  checkFields(type, fields);
  if (!fields) return full;
  const out: Record<string, unknown> = { id: full.id };
  for (const f of fields) if (f in full) out[f] = (full as unknown as Record<string, unknown>)[f];
  return out as Partial<T>;
}
