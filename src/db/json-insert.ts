import { type Column, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

interface Shape {
  /** `insert into t (a, b) select a, b from jsonb_to_recordset(` */
  head: string;
  /** `::jsonb) as x(a uuid, b text) <on conflict> returning ...` */
  tail: string;
  /** The given columns: property name and database name (the JSON's keys). */
  columns: [key: string, name: string][];
  /** The returned columns: property name and column (to map what the driver answers). */
  returned: [key: string, column: Column][];
}

export interface InsertOptions<K extends string> {
  /** Raw SQL between the rows and `returning`: `on conflict (...) do ...`. */
  onConflict?: string;
  /** The columns to return (default: all). */
  returning?: K[];
}

const shapes = new WeakMap<PgTable, Map<string, Shape | null>>();

function shapeOf(table: PgTable, keys: string[], options: InsertOptions<string>): Shape | null {
  let byKeys = shapes.get(table);
  if (!byKeys) {
    byKeys = new Map();
    shapes.set(table, byKeys);
  }
  const id = `${keys.join(",")}|${options.onConflict ?? ""}|${options.returning?.join(",") ?? "*"}`;
  if (byKeys.has(id)) return byKeys.get(id)!;
  const all = getTableColumns(table) as Record<string, Column>;
  const columns = keys.map((key) => all[key]!);
  const omitted = Object.entries(all).filter(([key]) => !keys.includes(key));
  // Arrays have no plain JSON spelling, and an omitted column with a JavaScript default ($defaultFn)
  // needs Drizzle to call it: those inserts keep Drizzle's builder.
  const plain =
    columns.every((column) => column && !column.getSQLType().endsWith("]")) &&
    omitted.every(([, column]) => column.defaultFn === undefined && column.onUpdateFn === undefined);
  const returned = options.returning
    ? options.returning.map((key) => [key, all[key]!] as [string, Column])
    : Object.entries(all);
  const names = columns.map((column) => `"${column.name}"`).join(", ");
  const shape = plain
    ? {
        head: `insert into "${getTableName(table)}" (${names}) select ${names} from jsonb_to_recordset(`,
        tail:
          `::jsonb) as x(${columns.map((column) => `"${column.name}" ${column.getSQLType()}`).join(", ")})` +
          `${options.onConflict ? ` ${options.onConflict}` : ""}` +
          ` returning ${options.returning ? returned.map(([, column]) => `"${column.name}"`).join(", ") : "*"}`,
        columns: keys.map((key, i) => [key, columns[i]!.name] as [string, string]),
        returned,
      }
    : null;
  byKeys.set(id, shape);
  return shape;
}

/**
 * Inserts rows and answers them as stored, all the rows in ONE JSON parameter
 * (`jsonb_to_recordset`). Drizzle's `values()` builds SQL chunks for every column of every row
 * (about 25 per message or conversation), which on the API's accept path cost more main-thread
 * time than the round trip; this text depends only on which columns are given and is built once.
 * A column some rows leave out is stored as null there, so every row must give each column that
 * has a default (or none may); tables with array columns given go through Drizzle's builder,
 * which an `onConflict` insert cannot (it throws).
 */
export async function insertReturning<T extends PgTable, K extends keyof T["$inferSelect"] & string>(
  tx: Executor,
  table: T,
  rows: T["$inferInsert"][],
  options: InsertOptions<K> = {},
): Promise<Pick<T["$inferSelect"], K>[]> {
  if (rows.length === 0) return [];
  const given = new Set<string>();
  for (const row of rows)
    for (const [key, value] of Object.entries(row)) if (value !== undefined) given.add(key);
  const keys = [...given];
  const all = getTableColumns(table) as Record<string, Column>;
  // A column with a default must be given by every row or by none (null is not its default).
  const consistent = keys.every(
    (key) =>
      !all[key]?.hasDefault || rows.every((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  const shape = consistent ? shapeOf(table, keys, options) : null;
  if (!shape) {
    if (options.onConflict || options.returning)
      throw new Error(`insertReturning: rows of ${getTableName(table)} need Drizzle's builder`);
    return (await tx.insert(table).values(rows).returning()) as Pick<T["$inferSelect"], K>[];
  }
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, name] of shape.columns) out[name] = (row as Record<string, unknown>)[key] ?? null;
      return out;
    }),
  );
  const statement: SQL = sql`${sql.raw(shape.head)}${json}${sql.raw(shape.tail)}`;
  const result = (await tx.execute(statement)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((raw) => fromDriverRow<Pick<T["$inferSelect"], K>>(shape.returned, raw));
}

/**
 * A row the driver answered to raw SQL (under the columns' names, timestamps as text), mapped as
 * Drizzle maps one: `columns` are the property names with their columns.
 */
export function fromDriverRow<R>(columns: [key: string, column: Column][], raw: Record<string, unknown>): R {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as R;
}
