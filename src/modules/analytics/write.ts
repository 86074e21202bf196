import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { COUNTERS, type Deltas } from "./deltas.ts";

const json = (rows: Iterable<object>) => JSON.stringify([...rows]);

/**
 * Adds a batch's deltas to the rollups: one `insert ... on conflict do update` of increments per
 * table (rows sorted, so concurrent batches lock them in the same order). The bench builds its
 * rollups with `messageRollupSql` too, so the dashboards read exactly what this writes.
 */
export async function writeDeltas(db: Executor, deltas: Deltas): Promise<void> {
  if (deltas.messages.size)
    await db.execute(
      messageRollupSql(sql`(select * from jsonb_to_recordset(${json(deltas.messages.values())}::jsonb) as v(
        "tenantId" uuid, hour timestamptz, "phoneNumberId" uuid, "templateId" uuid, "campaignId" uuid,
        category text, market text, sent bigint, delivered bigint, read bigint, failed bigint, replies bigint,
        conversations_opened bigint, conversations_resolved bigint, cost_micros bigint, markup_micros bigint))`),
    );
  if (deltas.failures.size)
    await db.execute(
      failureRollupSql(sql`(select * from jsonb_to_recordset(${json(deltas.failures.values())}::jsonb) as v(
        "tenantId" uuid, hour timestamptz, "phoneNumberId" uuid, "templateId" uuid, "campaignId" uuid,
        "errorCode" int, failed bigint))`),
    );
  if (deltas.minutes.size)
    await db.execute(sql`
      insert into analytics_minute as t (tenant_id, minute, phone_number_id, sent, delivered, read, failed)
      select "tenantId", minute, "phoneNumberId", sent, delivered, read, failed
      from jsonb_to_recordset(${json(deltas.minutes.values())}::jsonb) as v(
        "tenantId" uuid, minute timestamptz, "phoneNumberId" uuid, sent bigint, delivered bigint, read bigint,
        failed bigint)
      order by 1, 2, 3
      on conflict on constraint analytics_minute_key do update set
        sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
        read = t.read + excluded.read, failed = t.failed + excluded.failed`);
  if (deltas.agents.size)
    await db.execute(sql`
      insert into analytics_agent_hourly as t (tenant_id, hour, user_id, metric, bucket, count)
      select "tenantId", hour, "userId", metric, bucket, count
      from jsonb_to_recordset(${json(deltas.agents.values())}::jsonb) as v(
        "tenantId" uuid, hour timestamptz, "userId" uuid, metric text, bucket smallint, count bigint)
      order by 1, 2, 3, 4, 5
      on conflict on constraint analytics_agent_hourly_key do update set count = t.count + excluded.count`);
  if (deltas.bots.size)
    await db.execute(sql`
      insert into analytics_bot_hourly as t (tenant_id, hour, flow_id, sessions, completions, handovers)
      select "tenantId", hour, "flowId", sessions, completions, handovers
      from jsonb_to_recordset(${json(deltas.bots.values())}::jsonb) as v(
        "tenantId" uuid, hour timestamptz, "flowId" uuid, sessions bigint, completions bigint, handovers bigint)
      order by 1, 2, 3
      on conflict on constraint analytics_bot_hourly_key do update set
        sessions = t.sessions + excluded.sessions, completions = t.completions + excluded.completions,
        handovers = t.handovers + excluded.handovers`);
}

const utcDay = sql.raw(`date_trunc('day', hour at time zone 'UTC') at time zone 'UTC'`);
const counterList = sql.raw(COUNTERS.join(", "));
const counterSums = sql.raw(COUNTERS.map((name) => `sum(${name})`).join(", "));
const increments = sql.raw(COUNTERS.map((name) => `${name} = t.${name} + excluded.${name}`).join(", "));

/**
 * The message rollup upsert over any row source with the rollup's columns (camelCase dimensions,
 * snake_case counters; a missing counter is 0): the subscriber's deltas, or the bench's generated
 * history. One statement adds the rows to the hourly table and their sums to the daily and the
 * per-template ones, so they always agree.
 */
export function messageRollupSql(source: ReturnType<typeof sql>) {
  return sql`
    with v as (
      select "tenantId" as tenant_id, hour, "phoneNumberId" as phone_number_id, "templateId" as template_id,
        "campaignId" as campaign_id, category, market,
        sum(coalesce(sent, 0)) as sent, sum(coalesce(delivered, 0)) as delivered, sum(coalesce(read, 0)) as read,
        sum(coalesce(failed, 0)) as failed, sum(coalesce(replies, 0)) as replies,
        sum(coalesce(conversations_opened, 0)) as conversations_opened,
        sum(coalesce(conversations_resolved, 0)) as conversations_resolved,
        sum(coalesce(cost_micros, 0)) as cost_micros, sum(coalesce(markup_micros, 0)) as markup_micros
      from ${source} as v
      group by 1, 2, 3, 4, 5, 6, 7
    ), hourly as (
      insert into analytics_message_hourly as t (tenant_id, hour, phone_number_id, template_id, campaign_id,
        category, market, ${counterList})
      select * from v order by 1, 2, 3, 4, 5, 6, 7
      on conflict on constraint analytics_message_hourly_key do update set ${increments}
    ), per_template as (
      insert into analytics_template_hourly as t (tenant_id, hour, template_id, delivered, read)
      select tenant_id, hour, template_id, sum(delivered), sum(read) from v
      where template_id is not null and (delivered <> 0 or read <> 0)
      group by 1, 2, 3 order by 1, 2, 3
      on conflict on constraint analytics_template_hourly_key do update set
        delivered = t.delivered + excluded.delivered, read = t.read + excluded.read
    )
    insert into analytics_message_daily as t (tenant_id, day, phone_number_id, template_id, campaign_id,
      category, market, ${counterList})
    select tenant_id, ${utcDay}, phone_number_id, template_id, campaign_id, category, market, ${counterSums}
    from v group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint analytics_message_daily_key do update set ${increments}`;
}

/** The failure rollup upsert (hourly and daily, like `messageRollupSql`) over rows with its columns. */
export function failureRollupSql(source: ReturnType<typeof sql>) {
  return sql`
    with v as (
      select "tenantId" as tenant_id, hour, "phoneNumberId" as phone_number_id, "templateId" as template_id,
        "campaignId" as campaign_id, "errorCode" as error_code, sum(failed) as failed
      from ${source} as v group by 1, 2, 3, 4, 5, 6
    ), hourly as (
      insert into analytics_failure_hourly as t
        (tenant_id, hour, phone_number_id, template_id, campaign_id, error_code, failed)
      select * from v order by 1, 2, 3, 4, 5, 6
      on conflict on constraint analytics_failure_hourly_key do update set failed = t.failed + excluded.failed
    )
    insert into analytics_failure_daily as t
      (tenant_id, day, phone_number_id, template_id, campaign_id, error_code, failed)
    select tenant_id, ${utcDay}, phone_number_id, template_id, campaign_id, error_code, sum(failed)
    from v group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict on constraint analytics_failure_daily_key do update set failed = t.failed + excluded.failed`;
}
