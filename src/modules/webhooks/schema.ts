import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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

/** A tenant's endpoint and the event types (exact or wildcard, e.g. "message.*") it receives. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    eventTypes: text("event_types").array().notNull(),
    /** The signing secret sealed with the SecretBox ("v1:iv:tag:data"); shown in clear only once. */
    secretSealed: text("secret_sealed").notNull(),
    active: boolean("active").notNull().default(true),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("webhook_subscriptions_tenant_idx").on(table.tenantId, table.active)],
);

export const deliveryStatuses = ["pending", "delivered", "failed", "dead"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * One event for one subscription. pending -> delivered, or failed (kept retrying: still due)
 * -> ... -> dead after the last attempt. Rows waiting for an attempt have a next_attempt_at.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Monotonic order of creation: batches keep event order and cursors are stable. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** The event envelope exactly as it is sent: { id, type, tenantId, createdAt, data }. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: deliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When the next attempt is due; null once delivered or dead. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** The batch (Charla-Delivery header) of the last attempt. */
    batchId: uuid("batch_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("webhook_deliveries_subscription_event_key").on(table.subscriptionId, table.eventId),
    // The due-delivery scan: a subscription's rows still to send, oldest due first.
    index("webhook_deliveries_due_idx")
      .on(table.subscriptionId, table.nextAttemptAt)
      .where(sql`${table.status} in ('pending', 'failed')`),
    index("webhook_deliveries_subscription_seq_idx").on(table.subscriptionId, table.seq),
    index("webhook_deliveries_tenant_idx").on(table.tenantId),
  ],
);
