import type { Executor } from "../../db/client.ts";
import { marketName, marketOfPhone } from "./markets.ts";
import { formatMicros } from "./money.ts";
import { Pricer } from "./price.ts";
import { type Category, decidePricing } from "./pricing.ts";
import { AUTH_INTERNATIONAL_MARKETS } from "./reserve.ts";
import { getWallet } from "./wallet.ts";

/**
 * What a message would cost the tenant now (for the send flows): the market of the recipient,
 * the rule that applies and the price with the markup, in the wallet's currency. The caller says
 * whether the window and an entry point are open; the reservation at acceptance is the binding figure.
 */
export async function estimateMessage(
  db: Executor,
  tenantId: string,
  input: { to: string; category: Category; windowOpen: boolean; entryPointOpen?: boolean },
) {
  const wallet = await getWallet(db, tenantId);
  const market = marketOfPhone(input.to);
  const at = new Date();
  const international =
    input.category === "authentication" &&
    wallet?.authInternational &&
    AUTH_INTERNATIONAL_MARKETS.has(market);
  const decision = decidePricing({
    category: international ? "authentication-international" : input.category,
    windowOpen: input.windowOpen,
    entryPointOpen: input.entryPointOpen ?? false,
    at,
  });
  const base = {
    market,
    marketName: marketName(market),
    category: decision.category,
    type: decision.type,
    billable: decision.billable,
  };
  if (!wallet) return { ...base, enforced: false as const };
  const pricer = new Pricer(db);
  const query = { tenantId, currency: wallet.currency, market, decision, at };
  const price = await pricer.price(query, decision.tiered ? await pricer.nextNth(query) : null);
  return {
    ...base,
    enforced: true as const,
    currency: wallet.currency,
    rateAvailable: price !== null,
    metaCost: price ? formatMicros(price.costMicros) : null,
    markup: price ? formatMicros(price.markupMicros) : null,
    total: price ? formatMicros(price.totalMicros) : null,
  };
}
