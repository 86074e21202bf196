import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { getWallet } from "../billing/index.ts";
import { type Bucket, type ReportQuery, rollupWhere } from "./filters.ts";

export const SERIES_FIELDS = [
  "sent",
  "delivered",
  "read",
  "failed",
  "replies",
  "cost_minor",
  "markup_minor",
] as const;
export type SeriesRow = Record<(typeof SERIES_FIELDS)[number], number>;
export type Totals = SeriesRow & { delivery_rate: number | null; read_rate: number | null };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

const SUMS =
  sql.raw(`coalesce(sum(sent), 0)::float8 as sent, coalesce(sum(delivered), 0)::float8 as delivered,
  coalesce(sum(read), 0)::float8 as read, coalesce(sum(failed), 0)::float8 as failed,
  coalesce(sum(replies), 0)::float8 as replies, coalesce(sum(cost_micros), 0)::float8 as cost_minor,
  coalesce(sum(markup_micros), 0)::float8 as markup_minor`);

/**
 * Where an hourly UTC row goes: hour buckets are the UTC hours themselves (in a half-hour
 * timezone they start at :30 local time); day, week (Monday) and month buckets are the local
 * calendar's, each UTC hour going to the local day its start falls in. In a zone whose offset is
 * not whole hours (India, Newfoundland...), the hour straddling local midnight counts in the day
 * it starts in: a day's totals there may include up to 30 or 45 minutes of the next or previous day.
 */
function bucketStart(bucket: Bucket, tz: string) {
  if (bucket === "hour") return sql`hour`;
  return sql`(date_trunc(${bucket}, hour at time zone ${tz}) at time zone ${tz})`;
}

function bucketSeries(bucket: Bucket, query: ReportQuery) {
  const from = sql`${query.from.toISOString()}::timestamptz`;
  const to = sql`${query.to.toISOString()}::timestamptz`;
  if (bucket === "hour")
    return sql`generate_series(date_trunc('hour', ${from}), ${to} - interval '1 microsecond', interval '1 hour')`;
  const tz = query.tz;
  return sql`(select g at time zone ${tz} from generate_series(date_trunc(${bucket}, ${from} at time zone ${tz}),
    ${to} at time zone ${tz} - interval '1 microsecond', ${`1 ${bucket}`}::interval) g)`;
}

/** A time series over the rollup: one row per bucket of the period (empty buckets as zeros). */
export async function messageSeries(db: Executor, tenantId: string, query: ReportQuery, bucket: Bucket) {
  const result = await db.execute(sql`
    with data as (
      select ${bucketStart(bucket, query.tz)} as start, ${SUMS}
      from analytics_message_hourly where ${rollupWhere(tenantId, query)} group by 1
    )
    select b.start, coalesce(d.sent, 0) as sent, coalesce(d.delivered, 0) as delivered,
      coalesce(d.read, 0) as read, coalesce(d.failed, 0) as failed, coalesce(d.replies, 0) as replies,
      coalesce(d.cost_minor, 0) as cost_minor, coalesce(d.markup_minor, 0) as markup_minor
    from ${bucketSeries(bucket, query)} as b(start) left join data d on d.start = b.start
    order by b.start`);
  return rowsOf<SeriesRow & { start: string | Date }>(result).map((row) => ({
    ...numbers(row),
    start: new Date(row.start).toISOString(),
  }));
}

/** Totals of a period, with its delivery and read rates. */
export async function messageTotals(
  db: Executor,
  tenantId: string,
  query: ReportQuery,
  from = query.from,
  to = query.to,
) {
  const result = await db.execute(
    sql`select ${SUMS} from analytics_message_hourly where ${rollupWhere(tenantId, query, from, to)}`,
  );
  return withRates(numbers(rowsOf<SeriesRow>(result)[0]!));
}

function numbers(row: SeriesRow): SeriesRow {
  return Object.fromEntries(SERIES_FIELDS.map((field) => [field, Number(row[field] ?? 0)])) as SeriesRow;
}

/** Delivery rate: delivered / sent; read rate: read / delivered (null when nothing to divide by). */
export function withRates(row: SeriesRow): Totals {
  return {
    ...row,
    delivery_rate: row.sent > 0 ? row.delivered / row.sent : null,
    read_rate: row.delivered > 0 ? row.read / row.delivered : null,
  };
}

/** The messages report: series, totals, and the same totals over the previous period of equal length. */
export async function messagesReport(
  db: Executor,
  tenantId: string,
  query: ReportQuery,
  bucket: Bucket,
  compare: boolean,
) {
  const buckets = await messageSeries(db, tenantId, query, bucket);
  const totals = await messageTotals(db, tenantId, query);
  const length = query.to.getTime() - query.from.getTime();
  const previous = compare
    ? {
        totals: await messageTotals(db, tenantId, query, new Date(query.from.getTime() - length), query.from),
      }
    : undefined;
  const wallet = await getWallet(db, tenantId);
  return { buckets, totals, ...(previous ? { previous } : {}), currency: wallet?.currency ?? "USD" };
}
