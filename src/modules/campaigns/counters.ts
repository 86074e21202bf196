import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { fromDriverRow } from "../../db/json-insert.ts";
import { campaigns } from "./schema.ts";
import { rowsOf } from "./sql.ts";

type CampaignRow = typeof campaigns.$inferSelect;

/**
 * The counters that move outside the runner (statuses, replies, clicks) are appended to
 * `campaign_counter_deltas` instead of updating the campaign's row, which the runner holds locked
 * for a whole chunk: ingest never waits on a chunk. Reads add the deltas still pending in the same
 * statement (one snapshot: exact), and whoever locks the row folds them in (`foldCounters`).
 */
const SUMMED = ["sent", "delivered", "read", "replied", "failed", "clicked"] as const;

/** Two meta_retries objects added key by key. */
const addRetries = (a: string, b: string) =>
  `(select coalesce(jsonb_object_agg(key, coalesce((${a} ->> key)::int, 0) + coalesce((${b} ->> key)::int, 0)), '{}'::jsonb)
    from jsonb_object_keys(${a} || ${b}) as key)`;

/** What delta rows (a table or CTE, those `filter(alias)` keeps) add up to, as one row. */
const pendingOf = (rows: string, filter: (alias: string) => string) => `
  select count(*) as n, ${SUMMED.map((name) => `coalesce(sum(d.${name}), 0)::int as ${name}`).join(", ")},
    coalesce(sum(d.cost_micros), 0)::bigint as cost_micros,
    (select coalesce(jsonb_object_agg(e.key, e.n), '{}'::jsonb)
      from (select r.key, sum(r.value::int)::int as n from ${rows} x, jsonb_each_text(x.meta_retries) r
        where ${filter("x")} group by r.key) e) as meta_retries
  from ${rows} d where ${filter("d")}`;

const CAMPAIGN_COLUMNS = Object.entries(getTableColumns(campaigns) as Record<string, Column>);
const COLUMNS = CAMPAIGN_COLUMNS.map(([, column]) => column.name);

/** The campaign columns as a read answers them: each counter with what is pending added. */
const TOTAL_COLUMNS = COLUMNS.map((name) =>
  (SUMMED as readonly string[]).includes(name)
    ? `(c.${name} + p.${name})::int as ${name}`
    : name === "cost_micros"
      ? "(c.cost_micros + p.cost_micros)::bigint as cost_micros"
      : name === "meta_retries"
        ? `${addRetries("c.meta_retries", "p.meta_retries")} as meta_retries`
        : `c.${name}`,
).join(", ");

/** Raw rows (snake_case) back to the campaign row shape (as Drizzle maps them). */
const fromRaw = (raw: Record<string, unknown>) => fromDriverRow<CampaignRow>(CAMPAIGN_COLUMNS, raw);

/** Campaigns (`where` over alias c) with their counters exact: the row's plus what is pending. */
export async function campaignsWithCounters(db: Executor, where: SQL, tail?: SQL): Promise<CampaignRow[]> {
  const result = await db.execute(sql`
    select ${sql.raw(TOTAL_COLUMNS)}
    from campaigns c cross join lateral (${sql.raw(pendingOf("campaign_counter_deltas", (alias) => `${alias}.campaign_id = c.id`))}) p
    where ${where} ${tail ?? sql``}`);
  return rowsOf<Record<string, unknown>>(result).map(fromRaw);
}

/** These campaigns, by id, with their counters exact. */
export const campaignsByIds = (db: Executor, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : campaignsWithCounters(
        db,
        sql`c.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
      );

/**
 * Locks a campaign's row (FOR NO KEY UPDATE: the deltas' foreign key checks still pass) and folds
 * its pending deltas into it, in one statement; answers the row, or undefined when there is none
 * (or it is another tenant's).
 */
export async function foldCounters(
  db: Executor,
  campaignId: string,
  tenantId?: string,
): Promise<CampaignRow | undefined> {
  const result = await db.execute(sql`
    with locked as (
      select id from campaigns
      where id = ${campaignId} ${tenantId ? sql`and tenant_id = ${tenantId}` : sql``}
      for no key update
    ),
    d as (
      delete from campaign_counter_deltas where campaign_id in (select id from locked) returning *
    ),
    p as (${sql.raw(pendingOf("d", () => "true"))})
    update campaigns c set
      ${sql.raw(SUMMED.map((name) => `${name} = c.${name} + p.${name}`).join(", "))},
      cost_micros = c.cost_micros + p.cost_micros,
      meta_retries = case when p.meta_retries = '{}'::jsonb then c.meta_retries
        else ${sql.raw(addRetries("c.meta_retries", "p.meta_retries"))} end,
      updated_at = case when p.n > 0 then now() else c.updated_at end
    from p where c.id in (select id from locked)
    returning c.*`);
  const [raw] = rowsOf<Record<string, unknown>>(result);
  return raw ? fromRaw(raw) : undefined;
}

/** Every campaign with pending deltas folded (the minute's job: keeps the deltas few after a run ends). */
export async function foldAllCounters(db: Db, limit = 500): Promise<number> {
  const pending = rowsOf<{ id: string }>(
    await db.execute(sql`select distinct campaign_id as id from campaign_counter_deltas limit ${limit}`),
  );
  for (const { id } of pending) await db.transaction((tx) => foldCounters(tx, id));
  return pending.length;
}
