import { sql } from "drizzle-orm";
import {
  bigserial,
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
import { templates } from "../templates/schema.ts";

/**
 * queued (stored, dispatch pending) -> dispatching (handed to the Cloud API, outcome unknown)
 * -> accepted (Meta answered with a wamid) -> sent -> delivered -> read; or failed.
 * Inbound messages are "received".
 */
export const messageStatuses = [
  "queued",
  "dispatching",
  "accepted",
  "sent",
  "delivered",
  "read",
  "failed",
  "received",
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * Partitioned by month on created_at (see partitions.ts; the table itself is created by hand in
 * drizzle/0006), so old months can be detached and dropped whole. PostgreSQL wants the partition
 * key in every unique index: the key is (id, created_at); wamids and idempotency keys are kept
 * unique by ingest's per-wamid lock and by message_idempotency_keys.
 */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").notNull().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phoneNumberId: uuid("phone_number_id")
      .notNull()
      .references(() => phoneNumbers.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["outbound", "inbound"] }).notNull(),
    type: text("type").notNull(),
    /** The Cloud API message body (without "to"), or the inbound message as Meta sent it. */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    templateId: uuid("template_id").references(() => templates.id, { onDelete: "set null" }),
    /** marketing | utility | authentication | service (free-form inside the window). */
    category: text("category"),
    status: text("status", { enum: messageStatuses }).notNull(),
    wamid: text("wamid"),
    error: jsonb("error").$type<{ code: number; title?: string; message?: string; details?: string }>(),
    pricing: jsonb("pricing").$type<Record<string, unknown>>(),
    /** Charla's conversation (number and contact) the message belongs to. */
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    /** Meta's conversation id from status webhooks (its pricing unit before per-message pricing). */
    metaConversationId: text("meta_conversation_id"),
    replyToWamid: text("reply_to_wamid"),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    dispatchAttempts: integer("dispatch_attempts").notNull().default(0),
    dispatchStartedAt: timestamp("dispatch_started_at", { withTimezone: true }),
    // Millisecond precision: API cursors carry JavaScript dates, which have no microseconds.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.id, table.createdAt] }),
    index("messages_wamid_idx").on(table.wamid),
    index("messages_idempotency_idx")
      .on(table.tenantId, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} is not null`),
    index("messages_tenant_created_idx").on(table.tenantId, table.createdAt, table.id),
    index("messages_contact_idx").on(table.contactId, table.createdAt),
    index("messages_conversation_idx").on(table.conversationId, table.createdAt, table.id),
  ],
);

/** API Idempotency-Keys, unique per tenant (the partitioned messages table cannot say so itself). */
export const messageIdempotencyKeys = pgTable(
  "message_idempotency_keys",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    messageId: uuid("message_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.key] })],
);

/** Meta's webhook bodies, stored verbatim before they are acknowledged, then ingested in batches. */
export const whatsappWebhookEvents = pgTable(
  "whatsapp_webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    body: jsonb("body").$type<unknown>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    error: text("error"),
  },
  (table) => [
    index("whatsapp_webhook_events_pending_idx").on(table.id).where(sql`${table.processedAt} is null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** Media received from contacts, downloaded from Meta (whose URLs expire) and kept here. */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    whatsappMediaId: text("whatsapp_media_id").notNull(),
    mimeType: text("mime_type").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    filename: text("filename"),
    data: bytea("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("media_tenant_wa_key").on(table.tenantId, table.whatsappMediaId)],
);
