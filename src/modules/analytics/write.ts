import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Deltas } from "./deltas.ts";

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
    await db.execute(sql`
      insert into analytics_failure_hourly as t
        (tenant_id, hour, phone_number_id, template_id, campaign_id, error_code, failed)
      select "tenantId", hour, "phoneNumberId", "templateId", "campaignId", "errorCode", failed
      from jsonb_to_recordset(${json(deltas.failures.values())}::jsonb) as v(
        "tenantId" uuid, hour timestamptz, "phoneNumberId" uuid, "templateId" uuid, "campaignId" uuid,
        "errorCode" int, failed bigint)
      order by 1, 2, 3, 4, 5, 6
      on conflict on constraint analytics_failure_hourly_key do update set failed = t.failed + excluded.failed`);
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

/**
 * The message rollup upsert over any row source with the rollup's columns (camelCase dimensions,
 * snake_case counters; a missing counter is 0): the subscriber's deltas, or the bench's generated history.
 */
export function messageRollupSql(source: ReturnType<typeof sql>) {
  return sql`
    insert into analytics_message_hourly as t (tenant_id, hour, phone_number_id, template_id, campaign_id,
      category, market, sent, delivered, read, failed, replies, conversations_opened, conversations_resolved,
      cost_micros, markup_micros)
    select "tenantId", hour, "phoneNumberId", "templateId", "campaignId", category, market,
      sum(coalesce(sent, 0)), sum(coalesce(delivered, 0)), sum(coalesce(read, 0)), sum(coalesce(failed, 0)),
      sum(coalesce(replies, 0)), sum(coalesce(conversations_opened, 0)), sum(coalesce(conversations_resolved, 0)),
      sum(coalesce(cost_micros, 0)), sum(coalesce(markup_micros, 0))
    from ${source} as v
    group by 1, 2, 3, 4, 5, 6, 7
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint analytics_message_hourly_key do update set
      sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered, read = t.read + excluded.read,
      failed = t.failed + excluded.failed, replies = t.replies + excluded.replies,
      conversations_opened = t.conversations_opened + excluded.conversations_opened,
      conversations_resolved = t.conversations_resolved + excluded.conversations_resolved,
      cost_micros = t.cost_micros + excluded.cost_micros, markup_micros = t.markup_micros + excluded.markup_micros`;
}
