/**
 * Bench-only instrumentation: counts the statements every database client of this process sends
 * (Charla's Drizzle pool, pg-boss, LISTEN connections), by wrapping the drivers' query methods.
 * On PostgreSQL each statement is one round trip (node-postgres does not pipeline); on PGlite it
 * is one call into the in-process database. Statements on pg-boss's schema are counted apart.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface StatementCounts {
  /** Every statement (BEGIN and COMMIT included). */
  total: number;
  /** Of which on pg-boss's tables (job insert, fetch, complete, polling). */
  boss: number;
}

/** Put in a bench's own queries (a SQL comment) so they are not counted. */
export const BENCH_MARK = "/* bench */";
const counts: StatementCounts = { total: 0, boss: 0 };
/** Statement texts by count, when `BENCH_STATEMENT_LOG=1` (to see which statements a path sends). */
const texts = new Map<string, number>();
/** Milliseconds spent waiting on each statement text (same switch). */
const waits = new Map<string, number>();
let installed = false;

/** A statement's text as it is counted: an EXECUTE of a kept plan (kept-plans.ts) by its name, not its literals. */
function keyOf(text: unknown): string {
  const sql = typeof text === "string" ? text : ((text as { text?: string } | null)?.text ?? "");
  const kept = /^\s*execute (kept_\w+)\(/.exec(sql);
  return kept ? `execute ${kept[1]}(...)` : sql.replace(/\s+/g, " ").slice(0, 140);
}

/** Adds the time until `result` settles to its statement's wait (BENCH_STATEMENT_LOG=1). */
function timed(text: unknown, result: unknown): unknown {
  if (process.env.BENCH_STATEMENT_LOG !== "1" || !(result instanceof Promise)) return result;
  const started = performance.now();
  const key = keyOf(text);
  return result.finally(() => waits.set(key, (waits.get(key) ?? 0) + performance.now() - started));
}

function note(text: unknown) {
  const sql = typeof text === "string" ? text : ((text as { text?: string } | null)?.text ?? "");
  // The bench's own progress queries are not the path's.
  if (sql.includes(BENCH_MARK)) return;
  counts.total++;
  if (sql.includes("pgboss.")) counts.boss++;
  if (process.env.BENCH_STATEMENT_LOG === "1") {
    const key = keyOf(sql);
    texts.set(key, (texts.get(key) ?? 0) + 1);
  }
}

type AnyFn = (...args: unknown[]) => unknown;

/** Wraps the drivers once per process; later calls do nothing. */
export function installStatementCounter(): void {
  if (installed) return;
  installed = true;
  const clientQuery = pg.Client.prototype.query as unknown as AnyFn;
  (pg.Client.prototype as unknown as { query: AnyFn }).query = function (this: unknown, ...args: unknown[]) {
    note(args[0]);
    return timed(args[0], clientQuery.apply(this, args));
  };
  const proto = PGlite.prototype as unknown as Record<string, AnyFn>;
  for (const method of ["query", "exec"]) {
    const original = proto[method]!;
    proto[method] = function (this: unknown, ...args: unknown[]) {
      note(args[0]);
      return timed(args[0], original.apply(this, args));
    };
  }
  const transaction = proto.transaction!;
  proto.transaction = function (this: unknown, callback: unknown) {
    note("BEGIN");
    const wrapped = (tx: Record<string, AnyFn>) => {
      const counted = Object.create(tx) as Record<string, AnyFn>;
      for (const method of ["query", "exec", "sql"])
        counted[method] = (...args: unknown[]) => {
          note(args[0]);
          return timed(args[0], tx[method]!(...args));
        };
      return (callback as AnyFn)(counted);
    };
    return (transaction.call(this, wrapped) as Promise<unknown>).finally(() => note("COMMIT"));
  };
}

/** The counts so far; subtract two snapshots to count a phase. */
export function statementSnapshot(): StatementCounts {
  return { ...counts };
}

export function statementsSince(before: StatementCounts): StatementCounts {
  return { total: counts.total - before.total, boss: counts.boss - before.boss };
}

/** The most frequent statement texts since the last call (BENCH_STATEMENT_LOG=1), then forgets them. */
export function topStatements(limit = 15): [string, number][] {
  const top = [...texts.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  texts.clear();
  return top;
}

/** The statements waited on longest (milliseconds; on PGlite, queued behind its one connection included; BENCH_STATEMENT_LOG=1), then forgets them. */
export function slowestStatements(limit = 10): [string, number][] {
  const top = [...waits.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  waits.clear();
  return top.map(([text, ms]) => [text, Math.round(ms)]);
}
