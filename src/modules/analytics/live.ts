import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { getWallet } from "../billing/index.ts";
import { inboxLoad } from "../conversations/index.ts";
import { numbersByIds } from "../numbers/index.ts";
import { messageTotals } from "./series.ts";

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Meta's messaging limit tiers: business-initiated conversations (unique recipients) per rolling 24 hours. */
export function tierLimit(tier: string | null): number | null {
  const match = /^TIER_(\d+)(K?)$/.exec(tier ?? "");
  if (!match) return tier === "TIER_UNLIMITED" ? null : 250;
  return Number(match[1]) * (match[2] ? 1000 : 1);
}

/** The start of today in a timezone, as a UTC instant. */
async function startOfToday(db: Executor, tz: string): Promise<Date> {
  const [row] = rowsOf<{ start: string | Date }>(
    await db.execute(sql`select date_trunc('day', now() at time zone ${tz}) at time zone ${tz} as start`),
  );
  return new Date(row!.start);
}

/** The live dashboard: today's totals, the last hour per minute, failures, spend, numbers' use, inbox load. */
export async function liveDashboard(db: Executor, tenantId: string, tz: string) {
  const now = new Date();
  const today = await startOfToday(db, tz);
  const hourEnd = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const totals = await messageTotals(db, tenantId, { from: today, to: hourEnd, tz });
  const minutes = rowsOf<{
    minute: string | Date;
    sent: number;
    delivered: number;
    read: number;
    failed: number;
  }>(
    await db.execute(sql`
      select g as minute, coalesce(sum(m.sent), 0)::float8 as sent, coalesce(sum(m.delivered), 0)::float8 as delivered,
        coalesce(sum(m.read), 0)::float8 as read, coalesce(sum(m.failed), 0)::float8 as failed
      from generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()), interval '1 minute') g
      left join analytics_minute m on m.tenant_id = ${tenantId} and m.minute = g
      group by g order by g`),
  );
  const failures = rowsOf<{ error_code: number; failed: number }>(
    await db.execute(sql`
      select error_code, sum(failed)::float8 as failed from analytics_failure_hourly
      where tenant_id = ${tenantId} and hour >= ${today.toISOString()}::timestamptz
      group by 1 order by 2 desc limit 20`),
  );
  const wallet = await getWallet(db, tenantId);
  return {
    at: now.toISOString(),
    today: totals,
    per_minute: minutes.map((row) => ({
      minute: new Date(row.minute).toISOString(),
      sent: Number(row.sent),
      delivered: Number(row.delivered),
      read: Number(row.read),
      failed: Number(row.failed),
    })),
    failures_by_reason: failures.map((row) => ({
      error_code: Number(row.error_code),
      failed: Number(row.failed),
    })),
    spend: {
      currency: wallet?.currency ?? "USD",
      today_micros: totals.cost_micros + totals.markup_micros,
      balance_micros: wallet?.balanceMicros ?? 0,
    },
    ...(await numbersUse(db, tenantId)),
    inbox: await inboxLoad(db, tenantId),
  };
}

/**
 * Each number's busiest minute of the last hour against its throughput (messages per second x 60),
 * and the portfolio's sends over the last 24 hours against its messaging limit (the highest tier
 * of its numbers: Meta shares the limit across a portfolio's numbers).
 */
async function numbersUse(db: Executor, tenantId: string) {
  const perNumber = rowsOf<{ phone_number_id: string; peak: number; last24h: number }>(
    await db.execute(sql`
      select phone_number_id, max(sent)::float8 as peak, 0::float8 as last24h from analytics_minute
      where tenant_id = ${tenantId} and minute >= now() - interval '60 minutes' and phone_number_id is not null
      group by 1`),
  );
  const [day] = rowsOf<{ sent: number }>(
    await db.execute(sql`
      select coalesce(sum(sent), 0)::float8 as sent from analytics_message_hourly
      where tenant_id = ${tenantId} and hour >= date_trunc('hour', now()) - interval '23 hours'`),
  );
  const numberRows = await tenantNumbers(db, tenantId);
  const peaks = new Map(perNumber.map((row) => [row.phone_number_id, Number(row.peak)]));
  const limits = numberRows.map((row) => tierLimit(row.messagingLimitTier));
  const limit = limits.includes(null) ? null : Math.max(0, ...(limits as number[]));
  const sent24h = Number(day?.sent ?? 0);
  // The tier that sets the portfolio's limit (the highest; unlimited wins).
  const tier = numberRows[limits.indexOf(limit)]?.messagingLimitTier ?? null;
  return {
    numbers: numberRows.map((row) => {
      const capacity = row.throughputPerSecond * 60;
      const peak = peaks.get(row.id) ?? 0;
      return {
        phone_number_id: row.id,
        display_phone_number: row.displayPhoneNumber,
        tier: row.messagingLimitTier,
        throughput_per_second: row.throughputPerSecond,
        peak_minute_sent: peak,
        throughput_use: capacity > 0 ? peak / capacity : 0,
      };
    }),
    messaging_limit: { limit, tier, sent_24h: sent24h, use: limit ? sent24h / limit : null },
  };
}

async function tenantNumbers(db: Executor, tenantId: string) {
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`select distinct phone_number_id as id from analytics_message_daily
      where tenant_id = ${tenantId} and day >= now() - interval '31 days' and phone_number_id is not null`),
  );
  return [
    ...(
      await numbersByIds(
        db,
        ids.map((row) => row.id),
      )
    ).values(),
  ].filter((row) => row.tenantId === tenantId);
}
