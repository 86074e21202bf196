import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";
import { whatsappAccounts } from "../numbers/schema.ts";

/**
 * Life cycle: draft -> in_review (platform policy) -> policy_rejected | pending (at Meta)
 * -> approved | rejected; approved -> paused | disabled (Meta quality), paused -> approved.
 */
export const templateStatuses = [
  "draft",
  "in_review",
  "policy_rejected",
  "pending",
  "approved",
  "rejected",
  "paused",
  "disabled",
] as const;
export type TemplateStatus = (typeof templateStatuses)[number];

export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => whatsappAccounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category", { enum: ["MARKETING", "UTILITY", "AUTHENTICATION"] }).notNull(),
    /** The definition in Meta's message_templates JSON shape. */
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: templateStatuses }).notNull().default("draft"),
    metaTemplateId: text("meta_template_id"),
    /** Why the platform or Meta rejected it, or why Meta paused/disabled it. */
    statusReason: text("status_reason"),
    policyFindings: jsonb("policy_findings").$type<unknown[]>(),
    qualityScore: text("quality_score"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("templates_account_name_language_key").on(table.accountId, table.name, table.language),
    index("templates_tenant_status_idx").on(table.tenantId, table.status),
  ],
);
