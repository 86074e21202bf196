import { z } from "zod";
import { CATEGORIES } from "./pricing.ts";

/**
 * What billing's routes answer (response schemas: the OpenAPI document and the portal's generated
 * types). Amounts are exact decimal strings ("12.500000"); `...Micros` are integer micro-units.
 */
const amount = z.string().describe("decimal string, e.g. 12.500000");
const micros = z.number().int().describe("integer micro-units (1 unit = 1,000,000)");
const postingKinds = ["top_up", "reservation", "release", "charge", "refund", "adjustment"] as const;
const accounts = ["wallet", "reserved", "funding", "meta_cost", "markup", "adjustments"] as const;

export const walletOut = z.discriminatedUnion("enforced", [
  z.object({ enforced: z.literal(false).describe("no wallet: the tenant is not billed") }),
  z.object({
    enforced: z.literal(true),
    currency: z.string(),
    balance: amount,
    balanceMicros: micros,
    creditLimit: amount,
    creditLimitMicros: micros,
    lowBalanceThreshold: amount.nullable(),
    lowBalance: z.boolean().describe("the balance is below the low-balance threshold"),
    authInternational: z.boolean(),
  }),
]);

export const ledgerPageOut = z.object({
  data: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(postingKinds),
      key: z.string(),
      messageId: z.uuid().nullable(),
      reference: z.string().nullable(),
      reason: z.string().nullable(),
      author: z.string(),
      createdAt: z.date(),
      lines: z.array(z.object({ account: z.enum(accounts), amount, amountMicros: micros })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const spendOut = z.object({
  month: z.string(),
  groupBy: z.string(),
  data: z.array(
    z.object({
      key: z.string(),
      messages: z.number().int(),
      metaCost: amount,
      markup: amount,
      total: amount,
      totalMicros: micros,
    }),
  ),
});

export const statementOut = z.object({
  month: z.string(),
  currency: z.string(),
  lines: z.array(
    z.object({
      date: z.string(),
      messageId: z.uuid(),
      market: z.string(),
      category: z.string(),
      metaCost: micros,
      markup: micros,
    }),
  ),
  totals: z.object({ messages: z.number().int(), metaCost: micros, markup: micros, total: micros }),
});

export const discrepanciesOut = z.object({
  data: z.array(
    z.looseObject({
      messageId: z.uuid(),
      phoneNumberId: z.uuid(),
      templateId: z.uuid().nullable(),
      market: z.string(),
      currency: z.string(),
      estimatedCategory: z.string(),
      estimatedType: z.string(),
      state: z.enum(["reserved", "charged", "released", "free"]),
      metaCategory: z.string().nullable(),
      metaType: z.string().nullable(),
      discrepancy: z.string().nullable(),
      estimate: amount,
      metaCost: amount.nullable(),
      markup: amount.nullable(),
      acceptedAt: z.date(),
      settledAt: z.date().nullable(),
    }),
  ),
});

const rateCardOut = z.object({
  id: z.uuid(),
  currency: z.string(),
  effectiveFrom: z.date(),
  version: z.number().int(),
  source: z.string(),
  importedBy: z.string(),
  importedAt: z.date(),
});

export const rateCardsOut = z.object({ data: z.array(rateCardOut) });
export const importedCardOut = rateCardOut.extend({ rates: z.number().int().describe("rates imported") });

export const ratesOut = z.object({
  data: z.array(
    z.object({
      cardId: z.uuid(),
      market: z.string(),
      marketName: z.string(),
      category: z.string(),
      tierFrom: z.number().int(),
      rateMicros: micros,
      rate: amount,
    }),
  ),
});

const estimateBase = {
  market: z.string(),
  marketName: z.string(),
  category: z.string(),
  type: z.enum(["regular", "free_customer_service", "free_entry_point"]),
  billable: z.boolean(),
};
const priced = {
  enforced: z.literal(true),
  currency: z.string(),
  rateAvailable: z.boolean(),
  metaCost: amount.nullable(),
  markup: amount.nullable(),
  total: amount.nullable(),
};
const notEnforced = { enforced: z.literal(false) };

export const estimateOut = z.discriminatedUnion("enforced", [
  z.object({ ...estimateBase, ...notEnforced }),
  z.object({ ...estimateBase, ...priced }),
]);

const sendContext = {
  windowOpen: z.boolean(),
  template: z.object({ name: z.string(), language: z.string() }).nullable(),
  messageType: z.string().nullable(),
};
export const sendEstimateOut = z.discriminatedUnion("enforced", [
  z.object({ ...estimateBase, ...notEnforced, ...sendContext }),
  z.object({ ...estimateBase, ...priced, ...sendContext }),
]);

export const tenantWalletsOut = z.object({
  data: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), wallet: walletOut })),
});

export const creditedOut = z.object({ credited: z.boolean(), replayed: z.boolean() });
export const refundedOut = z.object({ refunded: z.boolean(), replayed: z.boolean() });

const markupCategory = z.enum([...CATEGORIES, "*"]);
export const markupsOut = z.object({
  data: z.array(
    z.object({
      tenantId: z.uuid(),
      category: z.string(),
      basisPoints: z.number().int(),
      updatedBy: z.string(),
      updatedAt: z.date(),
    }),
  ),
  defaultBasisPoints: z.number().int(),
});
export const markupSetOut = z.object({
  tenantId: z.uuid(),
  category: markupCategory,
  basisPoints: z.number().int(),
});

export const marginsOut = z.object({
  month: z.string(),
  data: z.array(
    z.object({
      tenantId: z.uuid(),
      tenant: z.string().nullable().describe("the tenant's slug"),
      currency: z.string(),
      metaCost: amount,
      markup: amount,
      revenue: amount,
    }),
  ),
});

export const ledgerCheckOut = z.object({
  ok: z.boolean(),
  balanceMismatches: z.array(z.object({ tenantId: z.uuid(), cached: micros, ledger: micros })),
  unbalancedPostings: z.array(z.string()),
});
