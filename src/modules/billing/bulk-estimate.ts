import type { Executor } from "../../db/client.ts";
import { marketName } from "./markets.ts";
import { formatMicros } from "./money.ts";
import { Pricer } from "./price.ts";
import { decidePricing, normaliseCategory } from "./pricing.ts";
import { getWallet } from "./wallet.ts";

/** One market of a bulk estimate: how many messages and what each costs the tenant (Meta + markup). */
export interface MarketEstimate {
  market: string;
  marketName: string;
  count: number;
  unitMicros: number | null;
  totalMicros: number;
}

/**
 * What a bulk send of one category would cost by market, from the rate card in force and the
 * tenant's markup, and what the wallet has left for it (balance + credit limit). Business-initiated
 * (window closed) is assumed: the estimate errs high, the reservation at send time is binding.
 */
export async function estimateBulk(
  db: Executor,
  tenantId: string,
  category: string,
  counts: Map<string, number>,
) {
  const wallet = await getWallet(db, tenantId);
  const at = new Date();
  const decision = decidePricing({
    category: normaliseCategory(category),
    windowOpen: false,
    entryPointOpen: false,
    at,
  });
  const pricer = new Pricer(db);
  const markets: MarketEstimate[] = [];
  for (const [market, count] of counts) {
    let unitMicros: number | null = 0;
    if (wallet) {
      const query = { tenantId, currency: wallet.currency, market, decision, at };
      const price = await pricer.price(query, decision.tiered ? await pricer.nextNth(query) : null);
      unitMicros = price?.totalMicros ?? null;
    }
    markets.push({
      market,
      marketName: marketName(market),
      count,
      unitMicros,
      totalMicros: (unitMicros ?? 0) * count,
    });
  }
  const totalMicros = markets.reduce((sum, line) => sum + line.totalMicros, 0);
  const availableMicros = wallet ? wallet.balanceMicros + wallet.creditLimitMicros : null;
  return {
    enforced: wallet !== null,
    currency: wallet?.currency ?? null,
    category: decision.category,
    markets,
    totalMicros,
    total: formatMicros(totalMicros),
    availableMicros,
    available: availableMicros === null ? null : formatMicros(availableMicros),
  };
}
export type BulkEstimate = Awaited<ReturnType<typeof estimateBulk>>;
