import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "../accounts/schema.ts";
import { conversations, teams } from "../conversations/schema.ts";

/** A satisfaction question sent when a conversation was resolved, and the customer's answer (1 to 3). */
export const csatSurveys = pgTable(
  "csat_surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Who handled the conversation and in which team, when it was resolved. */
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    status: text("status", { enum: ["queued", "sent", "answered", "skipped"] })
      .notNull()
      .default("queued"),
    /** Why it was not sent (the window had closed). */
    skippedReason: text("skipped_reason"),
    messageId: uuid("message_id"),
    score: integer("score"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (table) => [
    index("csat_surveys_tenant_idx").on(table.tenantId, table.createdAt),
    index("csat_surveys_conversation_idx").on(table.conversationId),
  ],
);

/**
 * The tenant's survey outside the customer service window: an approved template (by name and
 * language) whose first three quick-reply buttons answer good, fair and bad.
 */
export const csatSettings = pgTable("csat_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  templateName: text("template_name"),
  templateLanguage: text("template_language"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
