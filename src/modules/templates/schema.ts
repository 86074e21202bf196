import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";
import { whatsappAccounts } from "../numbers/schema.ts";

/**
 * Life cycle: draft -> in_review (platform policy) -> policy_rejected | pending (at Meta)
 * -> approved | rejected; approved -> paused | disabled (Meta quality), paused -> approved.
 * See README.md in this folder for every transition and who makes it.
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

/** Where a template came from: written in Charla, or imported from Meta (created in WhatsApp Manager). */
export const templateSources = ["charla", "meta"] as const;

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
    source: text("source", { enum: templateSources }).notNull().default("charla"),
    /** Meta's own status, as Meta last reported it (APPROVED, PENDING_DELETION, IN_APPEAL...). */
    metaStatus: text("meta_status"),
    /** When the Meta status we hold happened (webhook time): older reports are ignored. */
    metaStatusAt: timestamp("meta_status_at", { withTimezone: true }),
    /** When it last entered the platform review queue. */
    reviewRequestedAt: timestamp("review_requested_at", { withTimezone: true }),
    /** When a platform admin (or auto-approval) last decided, and who ("api_key:<id>", "system"). */
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: text("reviewed_by"),
    /** When it was last submitted to Meta. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("templates_account_name_language_key").on(table.accountId, table.name, table.language),
    index("templates_tenant_status_idx").on(table.tenantId, table.status),
    index("templates_status_review_idx").on(table.status, table.reviewRequestedAt),
    index("templates_meta_id_idx").on(table.metaTemplateId),
  ],
);

/** Who moved a template: its author, the automatic policy review, a platform admin, or Meta. */
export const templateChangeSources = [
  "author",
  "policy",
  "admin",
  "meta_submit",
  "meta_webhook",
  "meta_sync",
] as const;
export type TemplateChangeSource = (typeof templateChangeSources)[number];

/** Every status change of a template, oldest first: its review and Meta history. */
export const templateStatusHistory = pgTable(
  "template_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    /** Null when the template was created. */
    fromStatus: text("from_status", { enum: templateStatuses }),
    toStatus: text("to_status", { enum: templateStatuses }).notNull(),
    reason: text("reason"),
    /** "api_key:<id>", "system" or "meta". */
    actor: text("actor").notNull(),
    source: text("source", { enum: templateChangeSources }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("template_status_history_template_idx").on(table.templateId, table.at)],
);
