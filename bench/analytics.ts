/**
 * Dashboards at volume: N generated messages (default 10,000,000) on PostgreSQL, set-based with
 * generate_series over 60 days, 4 numbers and 20 templates, with their rollups (hourly and daily)
 * built by the analytics module's own upserts (`messageRollupSql`, `failureRollupSql`). Each
 * dashboard read runs as the API runs it (the module's functions; p50/p95 over BENCH_ANALYTICS_RUNS
 * runs) and, where it is one query, the same question on the raw messages table (fewer runs:
 * seconds each), reported as a ratio.
 *
 *   node bench/analytics.ts                       BENCH_ANALYTICS_MESSAGES=1000000 for a quick run
 *   npm run bench with BENCH_ANALYTICS=1 runs it as its last step.
 */
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type SQL, sql } from "drizzle-orm";
import { loadConfig } from "../src/config/config.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { createTenant } from "../src/modules/accounts/index.ts";
import {
  breakdown,
  failureRollupSql,
  liveDashboard,
  messageRollupSql,
  messageSeries,
  messageTotals,
  recommendations,
} from "../src/modules/analytics/index.ts";
import { ensureMessagePartitions } from "../src/modules/messages/index.ts";
import { startCharla } from "../src/runtime.ts";
import { connectSandboxAccount, startSandbox } from "../src/sandbox.ts";
import { freshPostgres } from "./send.ts";

const DAY = 86_400_000;
const DAYS = 60;
const CHUNK = 1_000_000;

export interface AnalyticsQueryResult {
  query: string;
  rollupP50Ms: number;
  rollupP95Ms: number;
  rawP50Ms: number | null;
  /** raw p50 / rollup p95: how many times faster the rollup answers, at worst. */
  ratio: number | null;
  /** The machine's 1-minute load average after the query's runs (figures under load are noisy). */
  loadAverage: number;
}

export interface AnalyticsBenchResult {
  messages: number;
  rollupRows: number;
  dailyRollupRows: number;
  generateSeconds: number;
  rollupSeconds: number;
  queries: AnalyticsQueryResult[];
  maxRollupP95Ms: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
};

async function time(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** Messages spread evenly over the last DAYS days; status by a hash of the index: 5% failed, 15% sent, 30% delivered, 50% read. */
async function generate(
  database: Database,
  tenantId: string,
  numbers: string[],
  templates: string[],
  total: number,
) {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const start = end - DAYS * DAY;
  for (let month = start; month <= end + 31 * DAY; month += 28 * DAY)
    await ensureMessagePartitions(database.db, new Date(month));
  await database.db.execute(sql`
    insert into contacts (tenant_id, phone, wa_id)
    select ${tenantId}::uuid, '+5491160' || lpad(i::text, 6, '0'), '5491160' || lpad(i::text, 6, '0')
    from generate_series(1, 10000) i`);
  const numberArray = `{${numbers.join(",")}}`;
  const templateArray = `{${templates.join(",")}}`;
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await database.db.execute(sql`
      with c as (select array_agg(id order by id) as ids from contacts where tenant_id = ${tenantId}::uuid),
      g as (
        select i, (i * 7919) % 100 as r,
          to_timestamp((${start} + (i::float8 / ${total}) * ${end - start}) / 1000) as at
        from generate_series(${from}::bigint, ${to}::bigint) i
      )
      insert into messages (tenant_id, phone_number_id, contact_id, direction, type, content, template_id,
        category, status, wamid, created_at, updated_at, sent_at, delivered_at, read_at, failed_at, error)
      select ${tenantId}::uuid, (${numberArray}::uuid[])[(1 + i % ${numbers.length})::int], c.ids[(1 + i % 10000)::int],
        'outbound', 'template', '{}'::jsonb, (${templateArray}::uuid[])[(1 + (i / 7) % ${templates.length})::int],
        'MARKETING',
        case when r < 5 then 'failed' when r < 20 then 'sent' when r < 50 then 'delivered' else 'read' end,
        'wamid.bench.' || i, at, at,
        case when r >= 5 then at + interval '1 second' end,
        case when r >= 20 then at + interval '5 seconds' end,
        case when r >= 50 then at + interval '1 hour' end,
        case when r < 5 then at + interval '1 second' end,
        case when r < 5 then jsonb_build_object('code', case when r < 3 then 131026 else 131049 end) end
      from g, c`);
    process.stderr.write(`  ${to.toLocaleString("en")} messages\n`);
  }
  return { start, end };
}

/** The rollups of the generated history, through the subscriber's own upserts (hourly and daily). */
async function buildRollups(database: Database, tenantId: string) {
  await database.db.execute(
    messageRollupSql(sql`(
      select tenant_id as "tenantId", date_trunc('hour', created_at) as hour, phone_number_id as "phoneNumberId",
        template_id as "templateId", null::uuid as "campaignId", lower(category) as category, null::text as market,
        (sent_at is not null)::int as sent, (delivered_at is not null)::int as delivered,
        (read_at is not null)::int as read, (status = 'failed')::int as failed, 0 as replies,
        0 as conversations_opened, 0 as conversations_resolved, 0::bigint as cost_micros, 0::bigint as markup_micros
      from messages where tenant_id = ${tenantId}::uuid)`),
  );
  await database.db.execute(
    failureRollupSql(sql`(
      select tenant_id as "tenantId", date_trunc('hour', created_at) as hour, phone_number_id as "phoneNumberId",
        template_id as "templateId", null::uuid as "campaignId", (error->>'code')::int as "errorCode", 1 as failed
      from messages where tenant_id = ${tenantId}::uuid and status = 'failed')`),
  );
  await database.db.execute(sql`analyze`);
}

interface Question {
  query: string;
  rollup: () => Promise<unknown>;
  /** The same question on raw messages; none where the answer needs more than one query (recommendations, live). */
  raw?: SQL;
}

/** Each dashboard question: the module's own read (as the API runs it) and, where it is one query, the same on raw messages. */
function questions(
  db: Database["db"],
  tenantId: string,
  numberId: string,
  templateId: string,
  end: number,
): Question[] {
  const fromDate = new Date(end - 30 * DAY);
  const from = fromDate.toISOString();
  const to = new Date(end).toISOString();
  const previous = new Date(end - 60 * DAY).toISOString();
  const tz = "America/Sao_Paulo";
  const period = { from: fromDate, to: new Date(end), tz };
  const raw = (where: SQL) =>
    sql`tenant_id = ${tenantId}::uuid and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz and ${where}`;
  const counts = sql.raw(
    "count(*) filter (where sent_at is not null), count(*) filter (where delivered_at is not null), count(*) filter (where read_at is not null), count(*) filter (where status = 'failed')",
  );
  // Each UTC hour in the local day its start falls in, as the rollups count it.
  const localDay = (zone: string) =>
    sql`date_trunc('day', date_trunc('hour', created_at) at time zone ${zone})`;
  return [
    {
      query: "series by day in a timezone, 30 days",
      rollup: () => messageSeries(db, tenantId, period, "day"),
      raw: sql`select ${localDay(tz)}, ${counts} from messages where ${raw(sql`direction = 'outbound'`)} group by 1 order by 1`,
    },
    {
      query: "series by day in a half-hour timezone (Asia/Kolkata), 30 days",
      rollup: () => messageSeries(db, tenantId, { ...period, tz: "Asia/Kolkata" }, "day"),
      raw: sql`select ${localDay("Asia/Kolkata")}, ${counts} from messages where ${raw(sql`direction = 'outbound'`)} group by 1 order by 1`,
    },
    {
      query: "series by hour of one number, 30 days",
      rollup: () => messageSeries(db, tenantId, { ...period, numberId }, "hour"),
      raw: sql`select date_trunc('hour', created_at), ${counts} from messages where ${raw(sql`phone_number_id = ${numberId}::uuid`)} group by 1 order by 1`,
    },
    {
      query: "totals of the previous 30 days (comparison)",
      rollup: () => messageTotals(db, tenantId, period, new Date(end - 60 * DAY), fromDate),
      raw: sql`select ${counts} from messages where tenant_id = ${tenantId}::uuid and created_at >= ${previous}::timestamptz and created_at < ${from}::timestamptz`,
    },
    {
      query: "breakdown by template, 30 days",
      rollup: () => breakdown(db, tenantId, period, "template"),
      raw: sql`select template_id, ${counts} from messages where ${raw(sql`true`)} group by 1 order by 2 desc`,
    },
    {
      query: "one template's series by week",
      rollup: () => messageSeries(db, tenantId, { ...period, templateId }, "week"),
      raw: sql`select date_trunc('week', date_trunc('hour', created_at) at time zone ${tz}), ${counts} from messages where ${raw(sql`template_id = ${templateId}::uuid`)} group by 1 order by 1`,
    },
    {
      query: "series by month, 60 days",
      rollup: () => messageSeries(db, tenantId, { ...period, from: new Date(end - 60 * DAY) }, "month"),
      raw: sql`select date_trunc('month', date_trunc('hour', created_at) at time zone ${tz}), ${counts} from messages where tenant_id = ${tenantId}::uuid and created_at >= ${previous}::timestamptz and created_at < ${to}::timestamptz group by 1 order by 1`,
    },
    {
      query: "failures by error code, 30 days",
      rollup: () => breakdown(db, tenantId, period, "error_code"),
      raw: sql`select (error->>'code')::int, count(*) from messages where ${raw(sql`status = 'failed'`)} group by 1 order by 2 desc`,
    },
    { query: "live dashboard (today)", rollup: () => liveDashboard(db, tenantId, tz) },
    { query: "recommendations (28 days)", rollup: () => recommendations(db, tenantId, tz) },
  ];
}

export async function measureAnalytics(postgresUrl: string, total = 10_000_000, runs = 30, rawRuns = 3) {
  const postgres = await freshPostgres(postgresUrl);
  const database = await openDatabase({ url: postgres.url, poolSize: 4 });
  const sandbox = await startSandbox({ version: "v23.0" });
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "charla-bench-")),
    LOG_LEVEL: "silent",
    SECRET_KEY: "5".repeat(64),
  });
  const charla = await startCharla({ config, api: false, workers: false, database, graph: sandbox.graph });
  try {
    const tenant = await createTenant(database.db, { slug: "bench", name: "Bench" }, { kind: "system" });
    const { phoneNumbers, accountId } = (await connectSandboxAccount(
      charla.services,
      tenant.id,
      sandbox,
    )) as {
      phoneNumbers: { id: string }[];
      accountId?: string;
    };
    const numbers = phoneNumbers.map((number) => number.id);
    const templates = (
      (await database.db.execute(sql`
        insert into templates (tenant_id, account_id, name, language, category, definition, status)
        select ${tenant.id}::uuid, (select account_id from phone_numbers where id = ${numbers[0]}::uuid),
          'bench_' || i, 'es', 'MARKETING', '{}'::jsonb, 'approved'
        from generate_series(1, 20) i returning id`)) as unknown as { rows: { id: string }[] }
    ).rows.map((row) => row.id);
    void accountId;
    let startedAt = performance.now();
    const { end } = await generate(database, tenant.id, numbers, templates, total);
    const generateSeconds = Math.round((performance.now() - startedAt) / 100) / 10;
    startedAt = performance.now();
    await buildRollups(database, tenant.id);
    const rollupSeconds = Math.round((performance.now() - startedAt) / 100) / 10;
    const [{ n, daily }] = (
      (await database.db.execute(
        sql`select (select count(*)::int from analytics_message_hourly) as n,
          (select count(*)::int from analytics_message_daily) as daily`,
      )) as unknown as { rows: [{ n: number; daily: number }] }
    ).rows;
    const queries: AnalyticsQueryResult[] = [];
    for (const question of questions(database.db, tenant.id, numbers[0]!, templates[0]!, end)) {
      process.stderr.write(`  ${question.query}\n`);
      await time(question.rollup, 3); // warm
      const rollupTimes = await time(question.rollup, runs);
      const { raw } = question;
      const rawP50Ms = raw ? percentile(await time(() => database.db.execute(raw), rawRuns), 50) : null;
      const rollupP95Ms = percentile(rollupTimes, 95);
      queries.push({
        query: question.query,
        rollupP50Ms: percentile(rollupTimes, 50),
        rollupP95Ms,
        rawP50Ms,
        ratio: rawP50Ms === null ? null : Math.round(rawP50Ms / Math.max(0.1, rollupP95Ms)),
        loadAverage: loadavg()[0]!,
      });
    }
    return {
      messages: total,
      rollupRows: n,
      dailyRollupRows: daily,
      generateSeconds,
      rollupSeconds,
      queries,
      maxRollupP95Ms: Math.max(...queries.map((query) => query.rollupP95Ms)),
    } satisfies AnalyticsBenchResult;
  } finally {
    await charla.close();
    await sandbox.close();
    await database.close();
    // BENCH_ANALYTICS_KEEP=1 leaves the generated database for EXPLAIN ANALYZE (drop it by hand).
    if (process.env.BENCH_ANALYTICS_KEEP === "1") process.stderr.write(`  kept ${postgres.url}\n`);
    else await postgres.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const result = await measureAnalytics(
    env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    env.BENCH_ANALYTICS_MESSAGES ? Number(env.BENCH_ANALYTICS_MESSAGES) : undefined,
    env.BENCH_ANALYTICS_RUNS ? Number(env.BENCH_ANALYTICS_RUNS) : undefined,
  );
  console.table(result.queries);
  console.log(JSON.stringify({ ...result, queries: undefined }));
}
