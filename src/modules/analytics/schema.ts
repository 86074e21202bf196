import {
  bigint,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";

const counter = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** The dimensions message and failure rollups share (NULL where one does not apply). */
const dimensions = () => ({
  phoneNumberId: uuid("phone_number_id"),
  templateId: uuid("template_id"),
  campaignId: uuid("campaign_id"),
});
/** A message rollup's own dimensions and its counters (money in micro-units of the wallet currency). */
const messageColumns = () => ({
  category: text("category"),
  market: text("market"),
  sent: counter("sent"),
  delivered: counter("delivered"),
  read: counter("read"),
  failed: counter("failed"),
  replies: counter("replies"),
  conversationsOpened: counter("conversations_opened"),
  conversationsResolved: counter("conversations_resolved"),
  costMicros: counter("cost_micros"),
  markupMicros: counter("markup_micros"),
});

/** Where a rollup row's period starts: its UTC hour, or its UTC day's midnight. */
type Period = "hour" | "day";
const periodStart = (period: Period) => timestamp(period, { withTimezone: true }).notNull();

/**
 * A message rollup: counters per tenant, period and dimension. A missing dimension (an inbound
 * reply to no template, a message of no campaign) is NULL; the unique key treats NULLs as equal
 * so the upsert finds the row.
 */
const messageRollup = (name: string, period: Period) =>
  pgTable(
    name,
    { tenantId: tenantId(), start: periodStart(period), ...dimensions(), ...messageColumns() },
    (table) => [
      unique(`${name}_key`)
        .on(
          table.tenantId,
          table.start,
          table.phoneNumberId,
          table.templateId,
          table.campaignId,
          table.category,
          table.market,
        )
        .nullsNotDistinct(),
    ],
  );

/** Failures per tenant, period, number, template, campaign and Meta error code (0: none given). */
const failureRollup = (name: string, period: Period) =>
  pgTable(
    name,
    {
      tenantId: tenantId(),
      start: periodStart(period),
      ...dimensions(),
      errorCode: integer("error_code").notNull(),
      failed: counter("failed"),
    },
    (table) => [
      unique(`${name}_key`)
        .on(
          table.tenantId,
          table.start,
          table.phoneNumberId,
          table.templateId,
          table.campaignId,
          table.errorCode,
        )
        .nullsNotDistinct(),
    ],
  );

/**
 * Messages per tenant, UTC hour (of the message's creation) and dimension: the source of every
 * report, kept by the analytics subscriber with one upsert of increments per event batch.
 */
export const analyticsMessageHourly = messageRollup("analytics_message_hourly", "hour");

/**
 * The same rows per UTC day (`day` is its midnight UTC), kept by the same upsert: long periods read
 * a day's row instead of its 24 hours, and only the hours at the periods' and buckets' edges (`ranges.ts`).
 */
export const analyticsMessageDaily = messageRollup("analytics_message_daily", "day");

/**
 * Deliveries and reads per template and UTC hour (all numbers, campaigns and markets together), kept
 * by the same upsert: the best hour of day per template reads a few rows per hour, not one per dimension.
 */
export const analyticsTemplateHourly = pgTable(
  "analytics_template_hourly",
  {
    tenantId: tenantId(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    templateId: uuid("template_id").notNull(),
    delivered: counter("delivered"),
    read: counter("read"),
  },
  (table) => [unique("analytics_template_hourly_key").on(table.tenantId, table.hour, table.templateId)],
);

export const analyticsFailureHourly = failureRollup("analytics_failure_hourly", "hour");
export const analyticsFailureDaily = failureRollup("analytics_failure_daily", "day");

/**
 * Agents per hour (of the resolution): conversations resolved, and the first-response and
 * resolution times as histograms (seconds, log buckets: see `DURATION_BUCKETS`), so medians come
 * from the rollup. Bucket -1 of metric "handled" holds the count only.
 */
export const analyticsAgentHourly = pgTable(
  "analytics_agent_hourly",
  {
    tenantId: tenantId(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    userId: uuid("user_id").notNull(),
    /** handled | first_response | resolution */
    metric: text("metric").notNull(),
    bucket: smallint("bucket").notNull(),
    count: counter("count"),
  },
  (table) => [
    unique("analytics_agent_hourly_key").on(
      table.tenantId,
      table.hour,
      table.userId,
      table.metric,
      table.bucket,
    ),
  ],
);

/** Bot flows per hour: sessions started, completed, handed over to a person. */
export const analyticsBotHourly = pgTable(
  "analytics_bot_hourly",
  {
    tenantId: tenantId(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    flowId: uuid("flow_id").notNull(),
    sessions: counter("sessions"),
    completions: counter("completions"),
    handovers: counter("handovers"),
  },
  (table) => [unique("analytics_bot_hourly_key").on(table.tenantId, table.hour, table.flowId)],
);

/** Sends per tenant, number and minute, for the live dashboard's last hour (rows older than a day are pruned). */
export const analyticsMinute = pgTable(
  "analytics_minute",
  {
    tenantId: tenantId(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    phoneNumberId: uuid("phone_number_id"),
    sent: counter("sent"),
    delivered: counter("delivered"),
    read: counter("read"),
    failed: counter("failed"),
  },
  (table) => [
    unique("analytics_minute_key").on(table.tenantId, table.minute, table.phoneNumberId).nullsNotDistinct(),
    index("analytics_minute_time_idx").on(table.minute),
  ],
);
