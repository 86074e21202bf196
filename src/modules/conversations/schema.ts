import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, users } from "../accounts/schema.ts";
import { contacts } from "../contacts/schema.ts";
import { phoneNumbers } from "../numbers/schema.ts";

export const conversationStatuses = ["open", "pending", "snoozed", "resolved"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const availabilities = ["online", "away", "offline"] as const;
export type Availability = (typeof availabilities)[number];
export const assignmentModes = ["round_robin", "least_busy", "manual"] as const;

/** Opening hours: ranges per ISO weekday (1 = Monday) in the team's timezone, and closed dates. */
export interface BusinessHours {
  timezone: string;
  weekly: Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", [string, string][]>>;
  holidays: string[];
}

/** A group of agents that conversations are routed to, with its assignment mode, hours and SLA policy. */
export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    assignmentMode: text("assignment_mode", { enum: assignmentModes }).notNull().default("round_robin"),
    /** Null: always open. Outside them new conversations wait unassigned in the team's queue. */
    businessHours: jsonb("business_hours").$type<BusinessHours>(),
    /** Unassigned this long: the conversation escalates (event, realtime). Null: never. */
    escalateAfterMinutes: integer("escalate_after_minutes"),
    firstResponseMinutes: integer("first_response_minutes"),
    resolutionMinutes: integer("resolution_minutes"),
    /** Warn this share of the SLA before it is breached (e.g. 80). */
    warnAtPercent: integer("warn_at_percent").notNull().default(80),
    /** Ask the customer to rate the service when a conversation of this team is resolved (inside the window). */
    csatOnResolve: boolean("csat_on_resolve").notNull().default(false),
    csatQuestion: text("csat_question"),
    /** Round robin's last pick. */
    lastAssignedUserId: uuid("last_assigned_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("teams_tenant_name_key").on(table.tenantId, table.name)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.userId] }),
    index("team_members_user_idx").on(table.userId),
  ],
);

/** An agent's availability and capacity (open conversations at once). */
export const agentStates = pgTable("agent_states", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  availability: text("availability", { enum: availabilities }).notNull().default("offline"),
  capacity: integer("capacity").notNull().default(10),
  lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Routing rules, tried by position: the first that matches picks the team. Empty conditions match all. */
export const assignmentRules = pgTable(
  "assignment_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    phoneNumberId: uuid("phone_number_id").references(() => phoneNumbers.id, { onDelete: "cascade" }),
    contactTag: text("contact_tag"),
    attributeKey: text("attribute_key"),
    attributeValue: text("attribute_value"),
    /** Any of these words in the first message (case and accents ignored). */
    keywords: text("keywords").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("assignment_rules_tenant_idx").on(table.tenantId, table.position)],
);

/** A private note on a conversation; mentioned users are notified. */
export const conversationNotes = pgTable(
  "conversation_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references((): AnyPgColumn => conversations.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    author: text("author").notNull(),
    body: text("body").notNull(),
    mentions: uuid("mentions").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("conversation_notes_conversation_idx").on(table.conversationId, table.createdAt)],
);

/** Saved answers agents insert by shortcut; {{contact.name}}-style variables are filled on use. */
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    shared: boolean("shared").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("canned_replies_shortcut_key").on(table.tenantId, sql`lower(${table.shortcut})`)],
);

/**
 * One thread per business number and contact: what the inbox lists. Meta's 24-hour customer
 * service window is per number and user, so it runs from this row's last inbound message.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phoneNumberId: uuid("phone_number_id")
      .notNull()
      .references(() => phoneNumbers.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: text("status", { enum: conversationStatuses }).notNull().default("open"),
    /** A snoozed conversation opens again at this time (or when the customer writes). */
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references((): AnyPgColumn => teams.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    labels: text("labels").array().notNull().default([]),
    /** The oldest inbound message not answered yet (null: the business spoke last): first-response SLA. */
    waitingSince: timestamp("waiting_since", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    /** When it was last opened (created or reopened): resolution SLA. */
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    /** SLA breach warnings already sent for the current opening: "first_response", "resolution". */
    slaWarnings: text("sla_warnings").array().notNull().default([]),
    /** The customer's last message (Meta's id): marked read, and the typing indicator's anchor. */
    lastInboundWamid: text("last_inbound_wamid"),
    // Millisecond precision: list cursors carry JavaScript dates.
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, precision: 3 }).notNull(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    lastOutboundAt: timestamp("last_outbound_at", { withTimezone: true }),
    /** A short text of the last message, for lists. */
    lastMessagePreview: text("last_message_preview"),
    /** Inbound messages since the business last marked the conversation read. */
    unreadCount: integer("unread_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("conversations_number_contact_key").on(table.phoneNumberId, table.contactId),
    index("conversations_tenant_last_idx").on(table.tenantId, table.lastMessageAt, table.id),
    index("conversations_contact_idx").on(table.contactId),
    index("conversations_assignee_idx").on(table.assigneeId, table.status),
    index("conversations_team_idx").on(table.teamId, table.status),
  ],
);

export type Conversation = typeof conversations.$inferSelect;

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The words of each message of a conversation, for full-text search ('simple' dictionary: any language). */
export const messageSearch = pgTable(
  "message_search",
  {
    messageId: uuid("message_id").primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    document: tsvector("document").notNull(),
  },
  (table) => [
    index("message_search_document_idx").using("gin", table.document),
    index("message_search_conversation_idx").on(table.conversationId),
  ],
);
