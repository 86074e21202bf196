import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";

/** A WhatsApp Business Account connected to a tenant, with its (encrypted) system-user token. */
export const whatsappAccounts = pgTable(
  "whatsapp_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    wabaId: text("waba_id").notNull().unique(),
    name: text("name").notNull(),
    /** SecretBox envelope of the Graph API access token. */
    accessTokenSealed: text("access_token_sealed").notNull(),
    /**
     * Whether template (business-initiated) sends are allowed: a platform admin enables them after
     * checking the use case. The column default is `enabled`, so accounts connected before the review
     * existed keep sending; new connections start as `NOTIFICATIONS_REVIEW_REQUIRED` says.
     */
    notificationsStatus: text("notifications_status", { enum: ["enabled", "pending_review", "rejected"] })
      .notNull()
      .default("enabled"),
    /** What the tenant declared it sends (use case, opt-in source, sample) and the review's checklist. */
    notificationsReview: jsonb("notifications_review").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("whatsapp_accounts_tenant_idx").on(table.tenantId)],
);

export const phoneNumbers = pgTable(
  "phone_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => whatsappAccounts.id, { onDelete: "cascade" }),
    /** Meta's phone number id. */
    phoneNumberId: text("phone_number_id").notNull().unique(),
    displayPhoneNumber: text("display_phone_number").notNull(),
    verifiedName: text("verified_name").notNull(),
    qualityRating: text("quality_rating").notNull().default("UNKNOWN"),
    messagingLimitTier: text("messaging_limit_tier"),
    /** Meta's display-name review of the number (APPROVED, PENDING_REVIEW, DECLINED...). */
    nameStatus: text("name_status"),
    /** Messages per second this number may send (Cloud API default 80, up to 1,000). */
    throughputPerSecond: integer("throughput_per_second").notNull().default(80),
    status: text("status", { enum: ["connected", "pending", "disconnected"] })
      .notNull()
      .default("connected"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("phone_numbers_tenant_idx").on(table.tenantId)],
);

/** Token bucket per number, shared by every worker through the database. */
export const numberRateBuckets = pgTable("number_rate_buckets", {
  phoneNumberId: uuid("phone_number_id")
    .primaryKey()
    .references(() => phoneNumbers.id, { onDelete: "cascade" }),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: timestamp("refilled_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Quality rating and messaging limit of a number each time either changed: the history the portal charts. */
export const phoneNumberHealthHistory = pgTable(
  "phone_number_health_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phoneNumberId: uuid("phone_number_id")
      .notNull()
      .references(() => phoneNumbers.id, { onDelete: "cascade" }),
    qualityRating: text("quality_rating").notNull(),
    messagingLimitTier: text("messaging_limit_tier"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("phone_number_health_history_number_idx").on(table.phoneNumberId, table.at)],
);
