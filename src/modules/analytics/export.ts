import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { BreakdownRow } from "./breakdown.ts";
import { SERIES_FIELDS, type SeriesRow } from "./series.ts";

/** A CSV cell: quoted when it holds a separator, a quote or a line break; formulas defused. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `${[header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function seriesCsv(buckets: (SeriesRow & { start: string })[]): string {
  return toCsv(
    ["start", ...SERIES_FIELDS],
    buckets.map((row) => [row.start, ...SERIES_FIELDS.map((field) => row[field])]),
  );
}

export function breakdownCsv(rows: BreakdownRow[]): string {
  const fields = ["key", "label", "sent", "delivered", "read", "failed", "cost_micros"] as const;
  return toCsv(
    fields,
    rows.map((row) => fields.map((field) => row[field])),
  );
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * A tenant's business metrics in Prometheus' text format (counters since the rollups began, per
 * number, category and market; failures per error code), read from the daily rollups only.
 */
export async function businessMetrics(db: Executor, tenantId: string): Promise<string> {
  const rows = rowsOf<Record<string, string | number | null>>(
    await db.execute(sql`
      select phone_number_id, coalesce(category, '') as category, coalesce(market, '') as market,
        sum(sent)::float8 as sent, sum(delivered)::float8 as delivered, sum(read)::float8 as read,
        sum(failed)::float8 as failed, sum(replies)::float8 as replies,
        sum(cost_micros)::float8 as cost_micros, sum(markup_micros)::float8 as markup_micros
      from analytics_message_daily where tenant_id = ${tenantId} group by 1, 2, 3 order by 1, 2, 3`),
  );
  const failures = rowsOf<{ error_code: number; failed: number }>(
    await db.execute(sql`select error_code, sum(failed)::float8 as failed from analytics_failure_daily
      where tenant_id = ${tenantId} group by 1 order by 1`),
  );
  const label = (value: unknown) =>
    String(value ?? "").replace(/["\\\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
  const lines: string[] = [];
  const counters = [
    ["sent", "Messages WhatsApp reported sent"],
    ["delivered", "Messages delivered"],
    ["read", "Messages read"],
    ["failed", "Messages failed"],
    ["replies", "Replies to the tenant's messages"],
    ["cost_micros", "Meta's cost, in micro-units of the wallet currency"],
    ["markup_micros", "Markup, in micro-units of the wallet currency"],
  ] as const;
  for (const [field, help] of counters) {
    const name = `charla_business_messages_${field}_total`;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const row of rows)
      lines.push(
        `${name}{phone_number_id="${label(row.phone_number_id)}",category="${label(row.category)}",market="${label(row.market)}"} ${Number(row[field])}`,
      );
  }
  const name = "charla_business_messages_failed_by_code_total";
  lines.push(`# HELP ${name} Failed messages per Meta error code`, `# TYPE ${name} counter`);
  for (const row of failures) lines.push(`${name}{error_code="${row.error_code}"} ${Number(row.failed)}`);
  return `${lines.join("\n")}\n`;
}
