import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";
import { contacts } from "../contacts/schema.ts";

/**
 * draft -> scheduled (waiting for its time) -> running -> completed; running <-> paused;
 * any but completed -> cancelled. A recurring campaign goes back to scheduled after each run.
 */
export const campaignStatuses = [
  "draft",
  "scheduled",
  "running",
  "paused",
  "completed",
  "cancelled",
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** A bulk template send to an audience, with its schedule, pacing state and live counters. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: text("status", { enum: campaignStatuses }).notNull().default("draft"),
    /** The template variants (template id, A/B weight) and how contact fields fill their parameters. */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    /** The AudienceSpec: segments and lists, minus excluded segments and lists. */
    audience: jsonb("audience").$type<Record<string, unknown>>().notNull(),
    /** Sending numbers (Charla ids); recipients are spread over them. */
    phoneNumberIds: jsonb("phone_number_ids").$type<string[]>().notNull(),
    /** now | at (a local time in a timezone) | cron (recurring), and quiet hours. */
    schedule: jsonb("schedule").$type<Record<string, unknown>>().notNull(),
    /** Marketing frequency cap: at most `max` marketing messages per contact per `periodHours`. */
    frequencyCap: jsonb("frequency_cap").$type<{ max: number; periodHours: number } | null>(),
    /** When the engine should next look at it (the scheduled time, or the next recurrence). */
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    /** Which run of a recurring campaign is under way (1 for a one-off). */
    run: integer("run").notNull().default(0),
    /** Keyset position in the audience (contact id) of the current run; null before the first chunk. */
    cursor: uuid("cursor"),
    audienceDone: boolean("audience_done").notNull().default(false),
    /** Why the engine is holding (messaging_limit, quiet_hours), for the portal. */
    holding: text("holding"),
    /** Estimate shown before launch: audience, exclusions by reason, cost by market. */
    estimate: jsonb("estimate").$type<Record<string, unknown>>(),
    audienceTotal: integer("audience_total").notNull().default(0),
    queued: integer("queued").notNull().default(0),
    sent: integer("sent").notNull().default(0),
    delivered: integer("delivered").notNull().default(0),
    read: integer("read").notNull().default(0),
    replied: integer("replied").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    clicked: integer("clicked").notNull().default(0),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
    /**
     * Sends Meta refused with a retryable error and that went back to the queue, by error code
     * (130429 throughput, 131056 pair rate, 131057 maintenance): the backoff's own counters.
     */
    metaRetries: jsonb("meta_retries").$type<Record<string, number>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    launchedAt: timestamp("launched_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [
    index("campaigns_tenant_created_idx").on(table.tenantId, table.createdAt),
    index("campaigns_due_idx").on(table.nextRunAt).where(sql`${table.status} in ('scheduled', 'running')`),
  ],
);

export const recipientStatuses = [
  "skipped",
  "deferred",
  "queued",
  "sent",
  "delivered",
  "read",
  "failed",
] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/**
 * One contact of one run of a campaign: skipped (with its reason), deferred (quiet hours, until
 * `dueAt`), or its message and how far it got. The segments of the audiences module read it
 * ("received / read / replied to campaign X").
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    run: integer("run").notNull().default(1),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: text("status", { enum: recipientStatuses }).notNull(),
    /** Status order (queued 1, sent 2, delivered 3, read 4): a late or repeated status never goes back. */
    rank: smallint("rank").notNull().default(0),
    /** opted_out | no_opt_in | frequency_cap | meta_marketing_limit | us_number | invalid_number */
    skipReason: text("skip_reason"),
    /** The A/B variant sent (index into the campaign's variants). */
    variant: smallint("variant"),
    phoneNumberId: uuid("phone_number_id"),
    messageId: uuid("message_id"),
    /** marketing | utility | authentication: the frequency cap counts marketing. */
    category: text("category"),
    errorCode: integer("error_code"),
    priceMicros: bigint("price_micros", { mode: "number" }).notNull().default(0),
    /** Per-recipient token of Charla's redirect link (URL buttons): counts clicks. */
    clickToken: text("click_token"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    clickedAt: timestamp("clicked_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.campaignId, table.run, table.contactId] }),
    index("campaign_recipients_message_idx").on(table.messageId).where(sql`${table.messageId} is not null`),
    index("campaign_recipients_contact_idx").on(table.tenantId, table.contactId, table.queuedAt),
    index("campaign_recipients_status_idx").on(table.campaignId, table.status, table.dueAt),
    index("campaign_recipients_click_idx").on(table.clickToken).where(sql`${table.clickToken} is not null`),
  ],
);

/**
 * Counter changes of campaigns not yet folded into their row: what message statuses, replies,
 * Meta's retried refusals and clicks add, appended so they never wait on the row that a runner's
 * chunk holds locked. Folded (deleted and added to the row, in one statement holding the row) at
 * each tick, whenever the row is locked, and every minute; a read adds what is pending.
 */
export const campaignCounterDeltas = pgTable(
  "campaign_counter_deltas",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    sent: integer("sent").notNull().default(0),
    delivered: integer("delivered").notNull().default(0),
    read: integer("read").notNull().default(0),
    replied: integer("replied").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    clicked: integer("clicked").notNull().default(0),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
    metaRetries: jsonb("meta_retries").$type<Record<string, number>>().notNull().default({}),
  },
  (table) => [index("campaign_counter_deltas_campaign_idx").on(table.campaignId)],
);
