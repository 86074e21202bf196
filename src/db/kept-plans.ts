import { createHash } from "node:crypto";
import { type PGlite, types } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

/**
 * Hot statements whose plans PGlite keeps. PGlite parses and plans every statement it is sent, in
 * WebAssembly: about 1 ms for a statement of a few CTEs, as long as running it for a batch of 100
 * rows (billing's settlement spent a quarter of its time there). Such a statement is PREPAREd once
 * per database and then EXECUTEd, so after five runs PostgreSQL's plan cache uses one generic plan.
 * PostgreSQL itself (native planning, a pool of connections) gets the statement as it is.
 *
 * EXECUTE takes no bind parameters, so the values go in as quoted literals (standard-conforming
 * strings: only the quote is doubled) and are cast to the types PREPARE inferred for them; a
 * statement with any other kind of value runs as it is.
 */
const KEPT = Symbol("charla.keptPlans");

interface KeepsPlans {
  [KEPT]?: Set<string>;
}

type QueryClient = KeepsPlans & {
  query(text: string, params?: unknown[], options?: object): Promise<unknown>;
};

const dialect = new PgDialect();
/** Each kept statement's name, by its text (a few per process: only hot statements are kept). */
const statementNames = new Map<string, string>();
/** What Drizzle's PGlite driver reads raw rows with (times as text), so callers see the same rows. */
const RAW_ROWS = {
  rowMode: "object",
  parsers: Object.fromEntries(
    [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map(
      (type) => [type, (value: string) => value],
    ),
  ),
};

/**
 * Marks a PGlite database (and every transaction it opens) as keeping plans: the names it has
 * PREPAREd. Prepared statements belong to the session, and a rollback does not undo them.
 */
export function keepPlans(client: PGlite): void {
  const names = new Set<string>();
  const own = client as unknown as KeepsPlans;
  own[KEPT] = names;
  const transaction = client.transaction.bind(client);
  client.transaction = (callback) =>
    transaction((tx) => {
      (tx as unknown as KeepsPlans)[KEPT] = names;
      return callback(tx);
    });
}

/** A value as an SQL literal; null for a kind of value this does not quote. */
function literal(value: unknown): string | null {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "number" || typeof value === "boolean") return `'${String(value)}'`;
  return null;
}

/** Runs `query` like `db.execute`, from a kept plan on PGlite. */
export async function executeKept<T = unknown>(db: Executor, query: SQL): Promise<T> {
  const client = (db as unknown as { session?: { client?: QueryClient } }).session?.client;
  const names = client?.[KEPT];
  if (!client || !names) return (await db.execute(query)) as T;
  const { sql: text, params } = dialect.sqlToQuery(query);
  const literals: string[] = [];
  for (const value of params) {
    const quoted = literal(value);
    if (quoted === null) return (await db.execute(query)) as T;
    literals.push(quoted);
  }
  let name = statementNames.get(text);
  if (!name) {
    name = `kept_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  if (!names.has(name)) {
    await client.query(`prepare ${name} as ${text}`);
    names.add(name);
  }
  const args = literals.length > 0 ? `(${literals.join(", ")})` : "";
  return (await client.query(`execute ${name}${args}`, [], RAW_ROWS)) as T;
}
