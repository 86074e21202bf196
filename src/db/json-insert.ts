import { type Column, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

interface Shape {
  /** `insert into t (a, b) select a, b from jsonb_to_recordset(` */
  head: string;
  /** `::jsonb) as x(a uuid, b text) returning *` */
  tail: string;
  /** Each column's property name and, for the JSON, its database name. */
  columns: [key: string, name: string][];
}

const shapes = new WeakMap<PgTable, Map<string, Shape>>();
const readers = new WeakMap<PgTable, [key: string, column: Column][]>();

function shapeOf(table: PgTable, keys: string[]): Shape | null {
  let byKeys = shapes.get(table);
  if (!byKeys) {
    byKeys = new Map();
    shapes.set(table, byKeys);
  }
  const id = keys.join(",");
  const known = byKeys.get(id);
  if (known) return known;
  const all = getTableColumns(table) as Record<string, Column>;
  const columns = keys.map((key) => all[key]);
  // Arrays and custom types have no plain JSON spelling: those tables keep Drizzle's builder.
  if (
    columns.some(
      (column) => !column || column.getSQLType().endsWith("]") || column.columnType === "PgCustomColumn",
    )
  )
    return null;
  const names = columns.map((column) => `"${column!.name}"`).join(", ");
  const shape: Shape = {
    head: `insert into "${getTableName(table)}" (${names}) select ${names} from jsonb_to_recordset(`,
    tail: `::jsonb) as x(${columns.map((column) => `"${column!.name}" ${column!.getSQLType()}`).join(", ")}) returning *`,
    columns: keys.map((key, i) => [key, columns[i]!.name]),
  };
  byKeys.set(id, shape);
  return shape;
}

/** A row as the driver returns it (timestamps as text, snake_case names) mapped as Drizzle maps it. */
function reader(table: PgTable) {
  let columns = readers.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table) as Record<string, Column>);
    readers.set(table, columns);
  }
  return (raw: Record<string, unknown>) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row;
  };
}

/**
 * Inserts rows and answers them as stored (`returning *`), all the rows in ONE JSON parameter
 * (`jsonb_to_recordset`). Drizzle's `values()` builds SQL chunks for every column of every row
 * (about 25 per message), which on the API's accept path cost more main-thread time than the
 * round trip itself; this text depends only on which columns are given and is built once.
 * Every row must give the same columns (the ones it leaves out get their defaults); rows that do
 * not, or tables with array columns, go through Drizzle's builder.
 */
export async function insertReturning<T extends PgTable>(
  tx: Executor,
  table: T,
  rows: T["$inferInsert"][],
): Promise<T["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]!).filter((key) => (rows[0] as Record<string, unknown>)[key] !== undefined);
  const sameKeys = rows.every((row) => {
    let given = 0;
    for (const key in row) if ((row as Record<string, unknown>)[key] !== undefined) given++;
    return given === keys.length && keys.every((key) => (row as Record<string, unknown>)[key] !== undefined);
  });
  const shape = sameKeys ? shapeOf(table, keys) : null;
  if (!shape) return (await tx.insert(table).values(rows).returning()) as T["$inferSelect"][];
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, name] of shape.columns) out[name] = (row as Record<string, unknown>)[key];
      return out;
    }),
  );
  const statement: SQL = sql`${sql.raw(shape.head)}${json}${sql.raw(shape.tail)}`;
  const result = (await tx.execute(statement)) as unknown as { rows: Record<string, unknown>[] };
  const read = reader(table);
  return result.rows.map(read) as T["$inferSelect"][];
}
