/**
 * The `pricing` object of a message's statuses, per Meta's rules on the message's date: per-message
 * pricing (PMP); until 1 Oct 2026 service messages and utility templates inside the customer
 * service window are free, from then on they are charged at the utility rate (type `regular`).
 */
import type { EmulatorConfig } from "../config.ts";

export interface PricingObject {
  billable: boolean;
  pricing_model: "PMP";
  category: string;
  type: "regular" | "free_customer_service";
}

/** `templateCategory` undefined: a non-template (service) message. */
export function pricingFor(
  config: EmulatorConfig,
  templateCategory: string | undefined,
  windowOpen: boolean,
  acceptedAt: number,
): PricingObject {
  const { serviceChargedFrom, date } = config.pricing;
  const on = date === null ? acceptedAt : Date.parse(date);
  const serviceCharged = serviceChargedFrom !== null && on >= Date.parse(serviceChargedFrom);
  const category = templateCategory?.toLowerCase() ?? "service";
  const freeInWindow = category === "service" || (category === "utility" && windowOpen);
  const billable = !freeInWindow || serviceCharged;
  return { billable, pricing_model: "PMP", category, type: billable ? "regular" : "free_customer_service" };
}
