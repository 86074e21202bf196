import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";

export const activationStageKeys = [
  "company_data",
  "business_verification",
  "partner_request",
  "policy_review",
  "display_name_review",
  "activation",
] as const;
export type ActivationStageKey = (typeof activationStageKeys)[number];

export const stageStatuses = ["pending", "action_required", "in_review", "rejected", "done"] as const;
export type StageStatus = (typeof stageStatuses)[number];

export const stageOwners = ["tenant", "platform", "meta"] as const;
export type StageOwner = (typeof stageOwners)[number];

/** One onboarding request per tenant: the company, its Business Manager and where it stands. */
export const activationRequests = pgTable("activation_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id")
    .notNull()
    .unique()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** Legal name, website, country, address, contact phone and email. */
  company: jsonb("company").$type<Record<string, string>>().notNull(),
  businessManagerId: text("business_manager_id").notNull(),
  /** not_verified, in_progress, rejected, verified (Meta's business verification). */
  verificationStatus: text("verification_status").notNull().default("not_verified"),
  displayName: text("display_name"),
  currentStage: text("current_stage", { enum: activationStageKeys }).notNull().default("company_data"),
  status: text("status", { enum: ["in_progress", "activated"] })
    .notNull()
    .default("in_progress"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  activatedAt: timestamp("activated_at", { withTimezone: true }),
});

/** One row per request and stage: owner, status, dates, SLA clock, next action and notes. */
export const activationStages = pgTable(
  "activation_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => activationRequests.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: activationStageKeys }).notNull(),
    position: integer("position").notNull(),
    owner: text("owner", { enum: stageOwners }).notNull(),
    status: text("status", { enum: stageStatuses }).notNull().default("pending"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** Why Meta or the platform rejected it (what to fix). */
    reasons: jsonb("reasons").$type<string[]>().notNull().default([]),
    /** Stage-specific facts: the verification checklist, the display name under review... */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    notes: jsonb("notes").$type<{ at: string; by: string; text: string }[]>().notNull().default([]),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("activation_stages_request_stage_key").on(table.requestId, table.stage)],
);

/** Every transition of a stage: the audit trail and the tenant's notification feed. */
export const activationTransitions = pgTable(
  "activation_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => activationRequests.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: activationStageKeys }).notNull(),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    actor: text("actor").notNull(),
    messageKey: text("message_key").notNull(),
    message: text("message").notNull(),
    reasons: jsonb("reasons").$type<string[]>().notNull().default([]),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("activation_transitions_tenant_idx").on(table.tenantId, table.at)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** Documents for business verification (certificate of incorporation, utility bill, tax registration). */
export const activationDocuments = pgTable(
  "activation_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => activationRequests.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("activation_documents_request_idx").on(table.requestId)],
);
