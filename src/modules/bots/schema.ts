import { sql } from "drizzle-orm";
import {
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
import { tenants } from "../accounts/schema.ts";
import { contacts } from "../contacts/schema.ts";
import { conversations } from "../conversations/schema.ts";
import { phoneNumbers } from "../numbers/schema.ts";
import type { FlowDefinition, FlowTriggers } from "./definition.ts";
import type { RunState, SessionStatus } from "./engine.ts";

/** A bot flow: its editable draft, its triggers and which published version runs. */
export const botFlows = pgTable(
  "bot_flows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The number it answers on (null: every number of the tenant). */
    phoneNumberId: uuid("phone_number_id").references(() => phoneNumbers.id, { onDelete: "cascade" }),
    /** The number's default bot: it answers what no other flow's triggers take. */
    isDefault: boolean("is_default").notNull().default(false),
    triggers: jsonb("triggers").$type<FlowTriggers>().notNull(),
    draft: jsonb("draft").$type<FlowDefinition>().notNull(),
    /** The version that runs (null: never published, or unpublished). */
    publishedVersion: integer("published_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("bot_flows_tenant_idx").on(table.tenantId),
    uniqueIndex("bot_flows_default_idx")
      .on(table.tenantId, sql`coalesce(${table.phoneNumberId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${table.isDefault}`),
  ],
);

/** Published versions: never changed once written; a rollback points the flow at an older one. */
export const botFlowVersions = pgTable(
  "bot_flow_versions",
  {
    flowId: uuid("flow_id")
      .notNull()
      .references(() => botFlows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<FlowDefinition>().notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.flowId, table.version] })],
);

/** One run of a flow in a conversation, with its state (it survives restarts). */
export const botSessions = pgTable(
  "bot_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => botFlows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: text("status").$type<SessionStatus>().notNull(),
    state: jsonb("state").$type<RunState>().notNull(),
    /** Bumped on every step: a timeout job acts only if nothing moved since it was queued. */
    step: integer("step").notNull().default(0),
    reminded: boolean("reminded").notNull().default(false),
    endReason: text("end_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // At most one live session per conversation: two racing first messages cannot start two.
    uniqueIndex("bot_sessions_live_idx")
      .on(table.conversationId)
      .where(sql`${table.status} in ('active', 'paused')`),
    index("bot_sessions_conversation_idx").on(table.conversationId, table.createdAt),
    index("bot_sessions_flow_idx").on(table.flowId, table.status),
  ],
);

/** Inbound messages a session consumed: a redelivered or retried message never advances it twice. */
export const botSessionInputs = pgTable(
  "bot_session_inputs",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => botSessions.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.messageId] }),
    uniqueIndex("bot_session_inputs_message_idx").on(table.messageId),
  ],
);

/** How many sessions entered each node of a flow (drop-off is read against where sessions stopped). */
export const botNodeVisits = pgTable(
  "bot_node_visits",
  {
    flowId: uuid("flow_id")
      .notNull()
      .references(() => botFlows.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    visits: integer("visits").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.flowId, table.nodeId] })],
);

/** Bot replies' pacing per conversation (Meta's pair rate): the "theoretical arrival time" of the next message. */
export const botPairPace = pgTable("bot_pair_pace", {
  conversationId: uuid("conversation_id")
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A tenant's knowledge base document; the LLM answer step retrieves its chunks by full-text search. */
export const botKnowledgeDocuments = pgTable(
  "bot_knowledge_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** The text search configuration its chunks are indexed with: simple, english, spanish, portuguese. */
    language: text("language").notNull(),
    content: text("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("bot_knowledge_documents_tenant_idx").on(table.tenantId, table.createdAt)],
);

export const botKnowledgeChunks = pgTable(
  "bot_knowledge_chunks",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => botKnowledgeDocuments.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    tenantId: uuid("tenant_id").notNull(),
    content: text("content").notNull(),
    search: tsvector("search").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.documentId, table.ordinal] }),
    index("bot_knowledge_chunks_search_idx").using("gin", table.search),
    index("bot_knowledge_chunks_tenant_idx").on(table.tenantId),
  ],
);
