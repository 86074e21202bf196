/**
 * The `pricing` object of a message's statuses, per Meta's rules on the message's date: per-message
 * pricing (PMP); until 1 Oct 2026 service messages and utility templates inside the customer
 * service window are free, from then on they are charged at the utility rate (type `regular`);
 * a free entry point window (72 h) makes every message free.
 */
import type { EmulatorConfig } from "../config.ts";

export interface PricingObject {
  billable: boolean;
  pricing_model: "PMP";
  category: string;
  type: "regular" | "free_customer_service" | "free_entry_point";
}

const ENTRY_POINT_REPLY_MS = 24 * 3600_000;
const ENTRY_POINT_WINDOW_MS = 72 * 3600_000;

/**
 * Whether a free entry point window covers a business message at `at`: the user came from an ad or
 * a Page CTA (`referral`), the business answered within 24 h, and 72 h run from that answer.
 */
export function entryPointOpen(
  entryPoints: Map<string, { referralAt: number; opensAt?: number }>,
  key: string,
  at: number,
): boolean {
  const entry = entryPoints.get(key);
  if (!entry) return false;
  if (entry.opensAt === undefined && at - entry.referralAt <= ENTRY_POINT_REPLY_MS) entry.opensAt = at;
  return entry.opensAt !== undefined && at >= entry.opensAt && at < entry.opensAt + ENTRY_POINT_WINDOW_MS;
}

/** `templateCategory` undefined: a non-template (service) message. */
export function pricingFor(
  config: EmulatorConfig,
  templateCategory: string | undefined,
  windowOpen: boolean,
  acceptedAt: number,
  entryPoint = false,
): PricingObject {
  // Everything is free for 72 h in an entry point window (Meta's category: referral_conversion).
  if (entryPoint)
    return {
      billable: false,
      pricing_model: "PMP",
      category: "referral_conversion",
      type: "free_entry_point",
    };
  const { serviceChargedFrom, date } = config.pricing;
  const on = date === null ? acceptedAt : Date.parse(date);
  const serviceCharged = serviceChargedFrom !== null && on >= Date.parse(serviceChargedFrom);
  const category = templateCategory?.toLowerCase() ?? "service";
  const freeInWindow = category === "service" || (category === "utility" && windowOpen);
  const billable = !freeInWindow || serviceCharged;
  return { billable, pricing_model: "PMP", category, type: billable ? "regular" : "free_customer_service" };
}
