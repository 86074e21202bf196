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

const DAY = 86_400_000;

/**
 * The rollup rows of a report's period as `(start, ...dimensions, ...counters)`, each row in its
 * bucket (`start`), for the caller to group and sum. The answer is exactly the hourly rows'
 * (each UTC hour in the bucket its start falls in, in the report's timezone), read with as few
 * rows as possible: `hour` buckets read the hourly rows; other buckets read a UTC day's daily row
 * (put in the bucket of its noon) when most of its hours belong there, and correct it with the
 * hours that do not: each such hour counts in its own bucket (if in the period) and is taken back
 * out of the day's (negated). A São Paulo day (UTC-3) reads one daily row and 3 hours twice, not
 * 24 hours; a month reads ~30 daily rows; an Indian day (UTC+5:30) reads the 5 hours the
 * calendar days share, so half-hour zones keep the hourly answer too. Only the days that straddle
 * a bucket's start or the period's ends are looked at hour by hour (a day whose first and last
 * hours share a bucket has all its hours there), so a long period costs little more than its days.
 */
export function rollupRows(tenantId: string, query: ReportQuery, read: RollupRead): SQL {
  const { hourly, daily } = TABLES[read.table];
  const dimensions = read.dimensions.map((column) => `x.${column}`);
  const where = dimensionWhere(tenantId, query, read.table === "failure");
  const from = sql`${query.from.toISOString()}::timestamptz`;
  // Series over integers with known ends: the planner then knows their sizes (a timestamp series is
  // guessed at 1,000 rows, and a guess of a million hours would make PostgreSQL JIT-compile the query).
  const firstDay = new Date(Math.floor(query.from.getTime() / DAY) * DAY);
  const dayCount = Math.floor((query.to.getTime() - 1 - firstDay.getTime()) / DAY) + 1;
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
    with days as (
      select d as day, d >= ${from} and d + interval '1 day' <= ${to}
        and ${bucketOf(sql`d`)} = ${bucketOf(sql`d + interval '23 hours'`)} as whole
      from (select ${firstDay.toISOString()}::timestamptz + i * interval '1 day' as d
        from generate_series(0, ${dayCount - 1}::int) i) g
    ), hours as (
      select h, day, case when h >= ${from} and h < ${to} then ${bucketOf(sql`h`)} end as target,
        ${bucketOf(sql`day + interval '12 hours'`)} as anchor
      from (select day, day + k * interval '1 hour' as h from days, generate_series(0, 23) k where not whole) g
    ), used as (
      select day, ${bucketOf(sql`day`)} as anchor from days where whole
      union all
      select day, anchor from hours group by day, anchor
      having count(*) filter (where target is distinct from anchor) < count(target)
    ), fixes as (
      select h, target, u.anchor as via from hours left join used u using (day) where target is distinct from u.anchor
    )
    select u.anchor as start, ${plain} from ${sql.raw(daily)} x join used u on u.day = x.day
    where ${where} and x.day = any(array(select day from used))
    union all
    select s.start, ${signed} from ${sql.raw(hourly)} x join fixes f on f.h = x.hour
      cross join lateral (values (f.target, 1), (f.via, -1)) s(start, sign)
    where ${where} and x.hour = any(array(select h from fixes)) and s.start is not null
  )`;
}
