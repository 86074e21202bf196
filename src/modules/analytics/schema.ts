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

/**
 * Messages per tenant, UTC hour (of the message's creation) and dimension: what every dashboard
 * reads. Kept by the analytics subscriber with one upsert of increments per event batch. A missing
 * dimension (an inbound reply to no template, a message of no campaign) is NULL; the unique key
 * treats NULLs as equal so the upsert finds the row.
 */
export const analyticsMessageHourly = pgTable(
  "analytics_message_hourly",
  {
    tenantId: tenantId(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    phoneNumberId: uuid("phone_number_id"),
    templateId: uuid("template_id"),
    campaignId: uuid("campaign_id"),
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
  },
  (table) => [
    unique("analytics_message_hourly_key")
      .on(
        table.tenantId,
        table.hour,
        table.phoneNumberId,
        table.templateId,
        table.campaignId,
        table.category,
        table.market,
      )
      .nullsNotDistinct(),
  ],
);

/** Failures per tenant, hour, number, template, campaign and Meta error code (0: none given). */
export const analyticsFailureHourly = pgTable(
  "analytics_failure_hourly",
  {
    tenantId: tenantId(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    phoneNumberId: uuid("phone_number_id"),
    templateId: uuid("template_id"),
    campaignId: uuid("campaign_id"),
    errorCode: integer("error_code").notNull(),
    failed: counter("failed"),
  },
  (table) => [
    unique("analytics_failure_hourly_key")
      .on(
        table.tenantId,
        table.hour,
        table.phoneNumberId,
        table.templateId,
        table.campaignId,
        table.errorCode,
      )
      .nullsNotDistinct(),
  ],
);

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
