/**
 * Meta's pricing rules, effective-dated (reference: shared/reference/meta-platform-2026.md §1).
 *
 * - Per-message pricing (PMP) since 2025-07-01: each delivered template is charged by category and
 *   recipient market. Free: non-template (service) messages inside the customer service window,
 *   utility templates inside the window, and everything inside a 72-hour free entry point window.
 * - From 2026-10-01: service messages and utility templates inside the window are charged at the
 *   market's utility rate with no volume tiers; the entry-point window stays free.
 * Messages before 2025-07-01 (conversation-based pricing) are not modelled: they are priced as PMP.
 */
export const PMP_FROM = Date.parse("2025-07-01T00:00:00Z");
export const SERVICE_CHARGED_FROM = Date.parse("2026-10-01T00:00:00Z");
export const ENTRY_POINT_REPLY_MS = 24 * 3600_000;
export const ENTRY_POINT_WINDOW_MS = 72 * 3600_000;

export const CATEGORIES = [
  "marketing",
  "utility",
  "authentication",
  "authentication-international",
  "service",
] as const;
export type Category = (typeof CATEGORIES)[number];
export type PricingType = "regular" | "free_customer_service" | "free_entry_point";

/** Categories whose rates have volume tiers (per portfolio, market, category and calendar month). */
export const TIERED: readonly Category[] = ["utility", "authentication", "authentication-international"];

export interface PricingInput {
  /** The template's category, or "service" for a non-template message. */
  category: Category;
  windowOpen: boolean;
  entryPointOpen: boolean;
  at: Date;
}

export interface PricingDecision {
  category: Category;
  type: PricingType;
  billable: boolean;
  /** Which rate of the card applies, and whether volume tiers apply. */
  rateCategory: Category;
  tiered: boolean;
}

export function normaliseCategory(value: string | null | undefined): Category {
  const lower = (value ?? "service").toLowerCase().replaceAll("_", "-");
  return (CATEGORIES as readonly string[]).includes(lower) ? (lower as Category) : "service";
}

/** What Meta will charge for a message, as Charla estimates it. */
export function decidePricing(input: PricingInput): PricingDecision {
  const { category } = input;
  const free = (type: PricingType): PricingDecision => ({
    category,
    type,
    billable: false,
    rateCategory: category,
    tiered: false,
  });
  if (input.entryPointOpen) return free("free_entry_point");
  const inWindowFree = category === "service" || (category === "utility" && input.windowOpen);
  if (inWindowFree) {
    if (input.at.getTime() < SERVICE_CHARGED_FROM) return free("free_customer_service");
    return { category, type: "regular", billable: true, rateCategory: "utility", tiered: false };
  }
  return {
    category,
    type: "regular",
    billable: true,
    rateCategory: category,
    tiered: TIERED.includes(category),
  };
}

/** Meta's `pricing` object of a status webhook, as stored on the message. */
export interface MetaPricing {
  billable?: boolean;
  category?: string;
  type?: string;
  pricing_model?: string;
}

/**
 * What Meta says it charged. `billable` is being deprecated: derive it from `type` when present
 * (only `regular` is charged).
 */
export function metaDecision(pricing: MetaPricing): PricingDecision & { metaCategory: string } {
  const metaCategory = (pricing.category ?? "service").toLowerCase();
  const category = normaliseCategory(metaCategory === "marketing_lite" ? "marketing" : metaCategory);
  const billable = pricing.type ? pricing.type === "regular" : pricing.billable === true;
  const type = (pricing.type ?? (billable ? "regular" : "free_customer_service")) as PricingType;
  if (!billable) return { category, type, billable, rateCategory: category, tiered: false, metaCategory };
  // Charged service and in-window utility: the utility rate without tiers (from 2026-10-01 on).
  const serviceRate = category === "service";
  return {
    category,
    type,
    billable,
    rateCategory: serviceRate ? "utility" : category,
    tiered: !serviceRate && TIERED.includes(category),
    metaCategory,
  };
}
