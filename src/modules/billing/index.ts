/**
 * The billing module's public surface: rate cards, Meta's pricing rules, markups, prepaid wallets,
 * the double-entry ledger, reservations at acceptance and settlement on Meta's status webhooks.
 */
import type { ModuleRecord } from "../../app/module.ts";
import { billingAdminRoutes } from "./admin-routes.ts";
import { billingJobs } from "./jobs.ts";
import { billingRoutes } from "./routes.ts";
import { billingSubscriber } from "./settle.ts";
import { topUpWebhook } from "./topup-webhook.ts";

export { type BulkEstimate, estimateBulk, type MarketEstimate } from "./bulk-estimate.ts";
export { checkLedger, type LedgerCheck, releaseExpired } from "./checks.ts";
export type { LowBalanceData } from "./ledger.ts";
export { marketOfCountry, marketOfPhone } from "./markets.ts";
export { formatMicros, toMicros } from "./money.ts";
export { decidePricing } from "./pricing.ts";
export { DEFAULT_CARD, importRateCard } from "./rates.ts";
export { type BillableSend, reserveForMessages } from "./reserve.ts";
export { DEMO_STARTING_BALANCE, seedDemoWallet } from "./seed.ts";
export type { BillingChargedData } from "./settle.ts";
export { signTopUp, TOP_UP_SIGNATURE_HEADER } from "./topup-webhook.ts";
export { configureWallet, getWallet, topUp } from "./wallet.ts";

export const billingModule: ModuleRecord = {
  name: "billing",
  routes: async (app, services) => {
    await billingRoutes(app, services);
    await billingAdminRoutes(app, services);
  },
  publicRoutes: topUpWebhook,
  jobs: billingJobs,
  subscribers: [billingSubscriber],
};
