import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";

const micros = (name: string) => bigint(name, { mode: "number" });

/** A rate card as Meta publishes it: one currency, effective from a date. Never edited: a new import is a new version. */
export const rateCards = pgTable(
  "rate_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    currency: text("currency").notNull(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    version: integer("version").notNull(),
    source: text("source").notNull(),
    importedBy: text("imported_by").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("rate_cards_version_idx").on(table.currency, table.effectiveFrom, table.version)],
);

/** A rate per market and category; `tierFrom` > 1 is a volume tier (the month's Nth charged message on). */
export const rateCardRates = pgTable(
  "rate_card_rates",
  {
    cardId: uuid("card_id")
      .notNull()
      .references(() => rateCards.id, { onDelete: "cascade" }),
    market: text("market").notNull(),
    category: text("category").notNull(),
    tierFrom: integer("tier_from").notNull().default(1),
    rateMicros: micros("rate_micros").notNull(),
  },
  (table) => [primaryKey({ columns: [table.cardId, table.market, table.category, table.tierFrom] })],
);

/** A tenant's prepaid wallet. Billing is enforced for tenants that have one. */
export const billingAccounts = pgTable("billing_accounts", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  currency: text("currency").notNull(),
  /** Cached sum of the tenant's wallet ledger lines (checked by the ledger job). */
  balanceMicros: micros("balance_micros").notNull().default(0),
  /** How far below zero the balance may go. */
  creditLimitMicros: micros("credit_limit_micros").notNull().default(0),
  lowBalanceMicros: micros("low_balance_micros"),
  lowBalanceAlerted: boolean("low_balance_alerted").notNull().default(false),
  /** The business is eligible for authentication-international rates. */
  authInternational: boolean("auth_international").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Markup in basis points per tenant and category ("*" = every category). */
export const billingMarkups = pgTable(
  "billing_markups",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    basisPoints: integer("basis_points").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.category] })],
);

/** Per billable message: Charla's estimate at acceptance, Meta's verdict, and any disagreement. */
export const billingMessages = pgTable(
  "billing_messages",
  {
    messageId: uuid("message_id").primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phoneNumberId: uuid("phone_number_id").notNull(),
    templateId: uuid("template_id"),
    market: text("market").notNull(),
    currency: text("currency").notNull(),
    estimatedCategory: text("estimated_category").notNull(),
    estimatedType: text("estimated_type").notNull(),
    /** Volume tiers apply (false for service and in-window utility charged from 2026-10-01). */
    tiered: boolean("tiered").notNull(),
    estimateMicros: micros("estimate_micros").notNull(),
    /** reserved -> charged | released | free */
    state: text("state", { enum: ["reserved", "charged", "released", "free"] }).notNull(),
    metaCategory: text("meta_category"),
    metaType: text("meta_type"),
    costMicros: micros("cost_micros"),
    markupMicros: micros("markup_micros"),
    discrepancy: text("discrepancy"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (table) => [
    index("billing_messages_open_idx").on(table.acceptedAt).where(sql`${table.state} = 'reserved'`),
    index("billing_messages_discrepancy_idx")
      .on(table.tenantId, table.acceptedAt)
      .where(sql`${table.discrepancy} is not null`),
  ],
);

/** The ledger's accounts, each with its amount's field of `ledger_postings`. */
export const LEDGER_ACCOUNTS = {
  wallet: "walletMicros",
  reserved: "reservedMicros",
  funding: "fundingMicros",
  meta_cost: "metaCostMicros",
  markup: "markupMicros",
  adjustments: "adjustmentsMicros",
} as const;
export type LedgerAccount = keyof typeof LEDGER_ACCOUNTS;

/**
 * The ledger, append-only and double-entry: a posting (what happened, keyed so it happens once)
 * with its amount on each account it moves, which sum to zero (a check constraint: the database
 * refuses a posting that does not balance). Accounts: wallet (the tenant's money), reserved,
 * funding (money paid in), meta_cost (owed to Meta), markup (the platform's revenue), adjustments.
 * The amounts are columns of the posting rather than rows of their own: a charge is then one row
 * and its index entries instead of four (see `LEDGER_ACCOUNTS` for them as lines).
 */
export const ledgerPostings = pgTable(
  "ledger_postings",
  {
    /** Time-ordered (version 7, given by `post()`): new postings go to the end of the indexes. */
    id: uuid("id").primaryKey().defaultRandom(),
    /** No foreign key: its per-row check was about half of inserting a batch's charge postings. */
    tenantId: uuid("tenant_id").notNull(),
    kind: text("kind", {
      enum: ["top_up", "reservation", "release", "charge", "refund", "adjustment"],
    }).notNull(),
    /** Unique per tenant: "<kind>:<message id>", "top_up:provider:<payment id>"... */
    key: text("key").notNull(),
    messageId: uuid("message_id"),
    reference: text("reference"),
    reason: text("reason"),
    author: text("author").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    walletMicros: micros("wallet_micros").notNull().default(0),
    reservedMicros: micros("reserved_micros").notNull().default(0),
    fundingMicros: micros("funding_micros").notNull().default(0),
    metaCostMicros: micros("meta_cost_micros").notNull().default(0),
    markupMicros: micros("markup_micros").notNull().default(0),
    adjustmentsMicros: micros("adjustments_micros").notNull().default(0),
  },
  (table) => [
    uniqueIndex("ledger_postings_key_idx").on(table.tenantId, table.key),
    index("ledger_postings_tenant_idx").on(table.tenantId, table.createdAt),
    check(
      "ledger_postings_balanced",
      sql`${sql.join(
        Object.values(LEDGER_ACCOUNTS).map((field) => table[field]),
        sql` + `,
      )} = 0`,
    ),
  ],
);

/** Charged messages per portfolio (tenant), month, market and category: picks the volume tier. */
export const billingVolumes = pgTable(
  "billing_volumes",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    market: text("market").notNull(),
    category: text("category").notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.month, table.market, table.category] })],
);

/** Free entry point windows: a referral (click-to-WhatsApp ad) and the business reply that opened 72 h. */
export const billingEntryPoints = pgTable(
  "billing_entry_points",
  {
    phoneNumberId: uuid("phone_number_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    referralAt: timestamp("referral_at", { withTimezone: true }).notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.phoneNumberId, table.contactId] })],
);
