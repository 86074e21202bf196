/**
 * The billing API's answers (its routes declare no response schema, so the generated client types
 * them as unknown). Amounts are exact decimal strings; `...Micros` integers.
 */
export type WalletView =
  | { enforced: false }
  | {
      enforced: true;
      currency: string;
      balance: string;
      balanceMicros: number;
      creditLimit: string;
      creditLimitMicros: number;
      lowBalanceThreshold: string | null;
      lowBalance: boolean;
      authInternational: boolean;
    };

export const POSTING_KINDS = ["top_up", "reservation", "release", "charge", "refund", "adjustment"] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

export interface Posting {
  id: string;
  kind: PostingKind;
  key: string;
  messageId: string | null;
  reference: string | null;
  reason: string | null;
  author: string;
  createdAt: string;
  lines: { account: string; amount: string; amountMicros: number }[];
}

export interface LedgerPage {
  data: Posting[];
  nextCursor: string | null;
}

export const SPEND_GROUPS = ["day", "category", "market", "number", "template"] as const;
export type SpendGroup = (typeof SPEND_GROUPS)[number];

export interface SpendRow {
  key: string;
  messages: number;
  metaCost: string;
  markup: string;
  total: string;
}

export type Estimate = {
  market: string;
  marketName: string;
  category: string;
  type: "regular" | "free_customer_service" | "free_entry_point";
  billable: boolean;
  windowOpen?: boolean;
} & (
  | { enforced: false }
  | {
      enforced: true;
      currency: string;
      rateAvailable: boolean;
      metaCost: string | null;
      markup: string | null;
      total: string | null;
    }
);

export interface RateCard {
  id: string;
  currency: string;
  effectiveFrom: string;
  version: number;
  source: string;
  importedBy: string;
  importedAt: string;
}

export interface Rate {
  market: string;
  marketName: string;
  category: string;
  tierFrom: number;
  rate: string;
}

export interface TenantWallet {
  id: string;
  slug: string;
  name: string;
  wallet: WalletView;
}

export interface Markup {
  category: string;
  basisPoints: number;
  updatedBy: string;
  updatedAt: string;
}

export interface Margin {
  tenantId: string;
  tenant: string | null;
  currency: string;
  metaCost: string;
  markup: string;
  revenue: string;
}

export const MARKUP_CATEGORIES = [
  "*",
  "marketing",
  "utility",
  "authentication",
  "authentication-international",
  "service",
] as const;
