import { type SQL, sql } from "drizzle-orm";
import { type Bucket, dimensionWhere, type ReportQuery } from "./filters.ts";

/** The whole period as one bucket (totals, breakdowns), or a calendar bucket of the report's timezone. */
export type RangeBucket = Bucket | "all";

export interface RollupRead {
  table: "message" | "failure";
  bucket: RangeBucket;
  /** Columns passed through as they are (the dimensions a caller groups by). */
  dimensions: readonly string[];
  /** Columns summed by the caller: negated where an hour is taken back out of a day. */
  counters: readonly string[];
}

const TABLES = {
  message: { hourly: "analytics_message_hourly", daily: "analytics_message_daily" },
  failure: { hourly: "analytics_failure_hourly", daily: "analytics_failure_daily" },
};

const utcDay = (instant: SQL) => sql`(date_trunc('day', (${instant}) at time zone 'UTC') at time zone 'UTC')`;

/**
 * The rollup rows of a report's period as `(start, ...dimensions, ...counters)`, each row in its
 * bucket (`start`), for the caller to group and sum. The answer is exactly the hourly rows'
 * (each UTC hour in the bucket its start falls in, in the report's timezone), read with as few
 * rows as possible: `hour` buckets read the hourly rows; other buckets read a UTC day's daily row
 * (put in the bucket of its noon) when most of its hours belong there, and correct it with the
 * hours that do not: each such hour counts in its own bucket (if in the period) and is taken back
 * out of the day's (negated). A São Paulo day (UTC-3) reads one daily row and 3 hours twice, not
 * 24 hours; a month reads ~30 daily rows; an Indian day (UTC+5:30) reads the 5 hours the
 * calendar days share, so half-hour zones keep the hourly answer too.
 */
export function rollupRows(tenantId: string, query: ReportQuery, read: RollupRead): SQL {
  const { hourly, daily } = TABLES[read.table];
  const dimensions = read.dimensions.map((column) => `x.${column}`);
  const where = dimensionWhere(tenantId, query, read.table === "failure");
  const from = sql`${query.from.toISOString()}::timestamptz`;
  const to = sql`${query.to.toISOString()}::timestamptz`;
  const plain = sql.raw([...dimensions, ...read.counters.map((column) => `x.${column}`)].join(", "));
  if (read.bucket === "hour")
    return sql`(select x.hour as start, ${plain} from ${sql.raw(hourly)} x
      where ${where} and x.hour >= ${from} and x.hour < ${to})`;
  const bucketOf = (instant: SQL) =>
    read.bucket === "all"
      ? from
      : sql`(date_trunc(${read.bucket}, (${instant}) at time zone ${query.tz}) at time zone ${query.tz})`;
  const signed = sql.raw(
    [...dimensions, ...read.counters.map((column) => `x.${column} * s.sign as ${column}`)].join(", "),
  );
  return sql`(
    with hours as (
      select h, ${utcDay(sql`h`)} as day, case when h >= ${from} and h < ${to} then ${bucketOf(sql`h`)} end as target,
        ${bucketOf(sql`${utcDay(sql`h`)} + interval '12 hours'`)} as anchor
      from generate_series(${utcDay(from)}, ${utcDay(sql`${to} - interval '1 microsecond'`)} + interval '23 hours',
        interval '1 hour') h
    ), days as (
      select day, anchor from hours group by day, anchor
      having count(*) filter (where target is distinct from anchor) < count(target)
    ), fixes as (
      select h, target, d.anchor as via from hours left join days d using (day) where target is distinct from d.anchor
    )
    select d.anchor as start, ${plain} from ${sql.raw(daily)} x join days d on d.day = x.day
    where ${where} and x.day = any(array(select day from days))
    union all
    select s.start, ${signed} from ${sql.raw(hourly)} x join fixes f on f.h = x.hour
      cross join lateral (values (f.target, 1), (f.via, -1)) s(start, sign)
    where ${where} and x.hour = any(array(select h from fixes)) and s.start is not null
  )`;
}
