/**
 * The onboarding fields of Graph nodes: `name_status`, `new_display_name`, `new_name_status` and
 * `health_status` of a phone number; `account_review_status`, `business_verification_status` and
 * `health_status` of a WABA. Like Meta, they come back when `fields=` asks for them.
 */
import type { EmulatorContext } from "../context.ts";
import { PHONE_NUMBER_NODE, pickFields, WABA_NODE } from "../fields.ts";
import { publicPhone } from "../phones.ts";
import type { PhoneState, WabaState } from "../state.ts";
import { healthStatus } from "./reviews.ts";

/** A number's display-name status: a seeded registered number's name is approved. */
export function nameStatusOf(phone: PhoneState): string {
  return phone.nameStatus ?? (phone.registered ? "APPROVED" : "AVAILABLE_WITHOUT_REVIEW");
}

export function phoneNode(ctx: EmulatorContext, phone: PhoneState, fields: string[] | undefined) {
  const base = publicPhone(
    ctx.config,
    phone,
    fields?.filter((f) => !EXTRA_PHONE_FIELDS.has(f)),
  );
  if (!fields?.some((f) => EXTRA_PHONE_FIELDS.has(f))) return base;
  const waba = ctx.state.wabas.get(phone.wabaId);
  const extra: Record<string, unknown> = { id: phone.id, name_status: nameStatusOf(phone) };
  if (phone.newDisplayName !== undefined) {
    extra.new_display_name = phone.newDisplayName;
    extra.new_name_status = phone.newNameStatus;
  }
  if (waba) extra.health_status = healthStatus(ctx, waba, phone);
  return {
    ...base,
    ...pickFields(
      PHONE_NUMBER_NODE,
      extra as { id: string },
      fields.filter((f) => EXTRA_PHONE_FIELDS.has(f)),
    ),
  };
}

const EXTRA_PHONE_FIELDS = new Set(["name_status", "new_display_name", "new_name_status", "health_status"]);

/** The onboarding fields of a WABA, when asked. */
export function wabaOnboardingFields(ctx: EmulatorContext, waba: WabaState, fields: string[] | undefined) {
  if (!fields) return {};
  const portfolio = ctx.state.portfolios.get(waba.portfolioId);
  const full = {
    id: waba.id,
    account_review_status: waba.accountReviewStatus ?? "APPROVED",
    business_verification_status: portfolio?.verificationStatus ?? "verified",
    health_status: healthStatus(ctx, waba),
  };
  const { id: _id, ...picked } = pickFields(WABA_NODE, full, fields);
  return picked;
}
