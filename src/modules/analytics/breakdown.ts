import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { campaignNames } from "../campaigns/index.ts";
import { numbersByIds } from "../numbers/index.ts";
import { templateLabels } from "../templates/index.ts";
import type { ReportQuery } from "./filters.ts";
import { rollupRows } from "./ranges.ts";

export const DIMENSIONS = ["number", "template", "campaign", "category", "market", "error_code"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const COLUMN: Record<Exclude<Dimension, "error_code">, string> = {
  number: "phone_number_id",
  template: "template_id",
  campaign: "campaign_id",
  category: "category",
  market: "market",
};

export interface BreakdownRow {
  key: string | null;
  label: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  cost_micros: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** One row per value of a dimension over the period (the most sent first); failures per Meta error code. */
export async function breakdown(
  db: Executor,
  tenantId: string,
  query: ReportQuery,
  dimension: Dimension,
): Promise<BreakdownRow[]> {
  const failures = dimension === "error_code";
  const column = failures ? "error_code" : COLUMN[dimension];
  // A value whose only rows lie in hours taken back out of a day sums to zero: not a row of the period.
  const counters = failures ? ["failed"] : ["sent", "delivered", "read", "failed", "cost_micros"];
  const rows = rollupRows(tenantId, query, {
    table: failures ? "failure" : "message",
    bucket: "all",
    dimensions: [column],
    counters,
  });
  const sums = failures
    ? "0 as sent, 0 as delivered, 0 as read, sum(failed)::float8 as failed, 0 as cost_micros"
    : `sum(sent)::float8 as sent, sum(delivered)::float8 as delivered, sum(read)::float8 as read,
      sum(failed)::float8 as failed, sum(cost_micros)::float8 as cost_micros`;
  const result = rowsOf<Omit<BreakdownRow, "label">>(
    await db.execute(sql`
      select ${sql.raw(column)}::text as key, ${sql.raw(sums)} from ${rows} r group by 1
      having ${sql.raw(counters.map((name) => `sum(${name}) <> 0`).join(" or "))}
      order by ${sql.raw(failures ? "failed" : "sent")} desc, 1 nulls last`),
  );
  const labels = await labelsOf(
    db,
    tenantId,
    dimension,
    result.flatMap((row) => (row.key ? [row.key] : [])),
  );
  return result.map((row) => ({
    key: row.key,
    label: row.key === null ? "" : (labels.get(row.key) ?? row.key),
    sent: Number(row.sent),
    delivered: Number(row.delivered),
    read: Number(row.read),
    failed: Number(row.failed),
    cost_micros: Number(row.cost_micros),
  }));
}

async function labelsOf(db: Executor, tenantId: string, dimension: Dimension, keys: string[]) {
  if (dimension === "number") {
    const numbers = await numbersByIds(db, keys);
    return new Map([...numbers].map(([id, row]) => [id, `${row.verifiedName} (${row.displayPhoneNumber})`]));
  }
  if (dimension === "template") {
    const labels = await templateLabels(db, tenantId, keys);
    return new Map([...labels].map(([id, label]) => [id, `${label.name} (${label.language})`]));
  }
  if (dimension === "campaign") return campaignNames(db, tenantId, keys);
  return new Map<string, string>();
}
