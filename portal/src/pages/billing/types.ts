import type { paths } from "../../api/schema";

/**
 * The billing API's answers, from the routes' response schemas (the generated `schema.d.ts`).
 * Amounts are exact decimal strings; `...Micros` integers.
 */
type Json<P extends keyof paths, M extends "get" | "post" | "put", S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type WalletView = Json<"/v1/billing/wallet", "get", 200>;

export const POSTING_KINDS = ["top_up", "reservation", "release", "charge", "refund", "adjustment"] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

export type LedgerPage = Json<"/v1/billing/ledger", "get", 200>;
export type Posting = LedgerPage["data"][number];

export const SPEND_GROUPS = ["day", "category", "market", "number", "template"] as const;
export type SpendGroup = (typeof SPEND_GROUPS)[number];
export type SpendRow = Json<"/v1/billing/spend", "get", 200>["data"][number];

/** A price check (GET) or a send's estimate (POST, which adds the window and what is sent). */
export type Estimate = Json<"/v1/billing/estimate", "get", 200> & { windowOpen?: boolean };

export type RateCard = Json<"/v1/billing/rate-cards", "get", 200>["data"][number];
export type Rate = Json<"/v1/billing/rate-cards/{id}/rates", "get", 200>["data"][number];
export type TenantWallet = Json<"/v1/admin/billing/tenants", "get", 200>["data"][number];
export type Markup = Json<"/v1/admin/billing/tenants/{tenantId}/markups", "get", 200>["data"][number];
export type Margin = Json<"/v1/admin/billing/margins", "get", 200>["data"][number];

export const MARKUP_CATEGORIES = [
  "*",
  "marketing",
  "utility",
  "authentication",
  "authentication-international",
  "service",
] as const;
