import { FREE, monthOf, type Price, type PriceQuery, type Pricer, volumeKey } from "./price.ts";
import { type MetaPricing, metaDecision, type PricingDecision } from "./pricing.ts";
import type { billingMessages } from "./schema.ts";

/** What settling reads of a billing row (not Meta's verdict columns it is about to write). */
export type BillingMessage = Pick<
  typeof billingMessages.$inferSelect,
  | "messageId"
  | "tenantId"
  | "phoneNumberId"
  | "templateId"
  | "market"
  | "currency"
  | "estimatedCategory"
  | "estimatedType"
  | "tiered"
  | "estimateMicros"
  | "state"
  | "acceptedAt"
>;

export interface Verdict {
  row: BillingMessage;
  state: BillingMessage["state"];
  meta?: PricingDecision & { metaCategory: string };
  price?: Price;
  discrepancy?: string | null;
}

export interface Charge {
  row: BillingMessage;
  meta: PricingDecision & { metaCategory: string };
  discrepancy: string | null;
  query: PriceQuery;
}

/** A message's rank in its month's volume (tiered charges only), by charge. */
export type Ranks = Map<Charge, number>;

/** Where Charla's estimate and Meta's verdict disagree, in words (null when they agree). */
function disagreement(row: BillingMessage, meta: PricingDecision & { metaCategory: string }): string | null {
  const estimatedBillable = row.estimatedType === "regular";
  if (estimatedBillable === meta.billable && (!meta.billable || meta.category === row.estimatedCategory))
    return null;
  return `Charla estimated ${row.estimatedCategory}/${row.estimatedType}, Meta reported ${meta.metaCategory}/${meta.type}`;
}

export function planCharge(row: BillingMessage, pricing: MetaPricing): Charge {
  const meta = metaDecision(pricing);
  // Service and in-window utility charged from 2026-10-01 have no tiers: trust the estimate there.
  const decision = {
    ...meta,
    tiered: meta.tiered && (row.tiered || meta.category !== row.estimatedCategory),
  };
  const query = {
    tenantId: row.tenantId,
    currency: row.currency,
    market: row.market,
    decision,
    at: row.acceptedAt,
  };
  return { row, meta, discrepancy: disagreement(row, meta), query };
}

/** What a batch adds to a volume counter. */
export interface VolumeCount {
  tenant_id: string;
  month: string;
  market: string;
  category: string;
  n: number;
}

/** The billable tiered charges by the volume counter they count in (tenant, month, market, rate category). */
function volumeGroups(charges: Charge[]): Map<string, Charge[]> {
  const groups = new Map<string, Charge[]>();
  for (const charge of charges) {
    const { query } = charge;
    if (!charge.meta.billable || !query.decision.tiered) continue;
    const key = volumeKey(query.tenantId, monthOf(query.at), query.market, query.decision.rateCategory);
    const group = groups.get(key);
    if (group) group.push(charge);
    else groups.set(key, [charge]);
  }
  return groups;
}

/**
 * Ranks the tiered charges in their month's volume: each group's messages take the ranks after
 * the count so far (`counted`, read and locked with the batch's billing rows), in order. Returns
 * the ranks and what each counter gains (written with the postings).
 */
export function rankCharges(
  charges: Charge[],
  counted: Map<string, number>,
): { ranks: Ranks; increments: VolumeCount[] } {
  const ranks: Ranks = new Map();
  const increments: VolumeCount[] = [];
  for (const [key, group] of volumeGroups(charges)) {
    const before = counted.get(key);
    // The counters locked are those of every message Meta reports tiered: a superset.
    if (before === undefined) throw new Error(`volume counter ${key} was not read`);
    for (const [index, charge] of group.entries()) ranks.set(charge, before + 1 + index);
    const { query } = group[0]!;
    increments.push({
      tenant_id: query.tenantId,
      month: monthOf(query.at),
      market: query.market,
      category: query.decision.rateCategory,
      n: group.length,
    });
  }
  return { ranks, increments };
}

/** Prices the charges at their ranks. */
export async function priceCharges(pricer: Pricer, charges: Charge[], ranks: Ranks): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const charge of charges) {
    const { row, meta, discrepancy, query } = charge;
    if (!meta.billable) {
      verdicts.push({ row, state: "free", meta, price: FREE, discrepancy });
      continue;
    }
    const price = await pricer.price(query, ranks.get(charge) ?? null);
    const missing = `no ${row.currency} rate for ${query.decision.rateCategory} in ${row.market}: not charged`;
    verdicts.push(
      price
        ? { row, state: "charged", meta, price, discrepancy }
        : {
            row,
            state: "charged",
            meta,
            price: FREE,
            discrepancy: discrepancy ? `${discrepancy}; ${missing}` : missing,
          },
    );
  }
  return verdicts;
}
