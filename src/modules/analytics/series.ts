import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { getWallet } from "../billing/index.ts";
import type { Bucket, ReportQuery } from "./filters.ts";
import { rollupRows } from "./ranges.ts";

export const SERIES_FIELDS = [
  "sent",
  "delivered",
  "read",
  "failed",
  "replies",
  "cost_micros",
  "markup_micros",
] as const;
export type SeriesRow = Record<(typeof SERIES_FIELDS)[number], number>;
export type Totals = SeriesRow & { delivery_rate: number | null; read_rate: number | null };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

const SUMS = sql.raw(SERIES_FIELDS.map((name) => `coalesce(sum(${name}), 0)::float8 as ${name}`).join(", "));

function bucketSeries(bucket: Bucket, query: ReportQuery) {
  const from = sql`${query.from.toISOString()}::timestamptz`;
  const to = sql`${query.to.toISOString()}::timestamptz`;
  if (bucket === "hour")
    return sql`generate_series(date_trunc('hour', ${from}), ${to} - interval '1 microsecond', interval '1 hour')`;
  const tz = query.tz;
  return sql`(select g at time zone ${tz} from generate_series(date_trunc(${bucket}, ${from} at time zone ${tz}),
    ${to} at time zone ${tz} - interval '1 microsecond', ${`1 ${bucket}`}::interval) g)`;
}

/**
 * A time series over the rollups: one row per bucket of the period (empty buckets as zeros). Hour
 * buckets are the UTC hours themselves (in a half-hour timezone they start at :30 local time); day,
 * week (Monday) and month buckets are the local calendar's, each UTC hour going to the local day
 * its start falls in (`rollupRows`). In a zone whose offset is not whole hours (India,
 * Newfoundland...), the hour straddling local midnight counts in the day it starts in: a day's
 * totals there may include up to 30 or 45 minutes of the next or previous day.
 */
export async function messageSeries(db: Executor, tenantId: string, query: ReportQuery, bucket: Bucket) {
  const rows = rollupRows(tenantId, query, {
    table: "message",
    bucket,
    dimensions: [],
    counters: SERIES_FIELDS,
  });
  const result = await db.execute(sql`
    with data as (select start, ${SUMS} from ${rows} r group by 1)
    select b.start, ${sql.raw(SERIES_FIELDS.map((name) => `coalesce(d.${name}, 0) as ${name}`).join(", "))}
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
  const rows = rollupRows(
    tenantId,
    { ...query, from, to },
    { table: "message", bucket: "all", dimensions: [], counters: SERIES_FIELDS },
  );
  const result = await db.execute(sql`select ${SUMS} from ${rows} r`);
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
