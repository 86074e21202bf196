import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import type { Db as BossDb } from "pg-boss";
import { fromPglite } from "pg-boss";
import { registerCacheDatabase } from "./cache.ts";
import { keepPlans } from "./kept-plans.ts";
import { lockDataDir } from "./pglite-lock.ts";
import { growMemoryFilesInPlace } from "./pglite-memfs.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction on it: services accept both. */
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** How pg-boss reaches the same database. */
  boss: { backend: "pglite"; db: BossDb } | { backend: "postgres"; connectionString: string };
  /** Runs one raw statement (health checks, advisory locks). */
  ping(): Promise<void>;
  /**
   * LISTENs on a channel (PGlite in-process; PostgreSQL on a dedicated connection that reconnects).
   * `onNotify` also runs after a reconnect, when notifications may have been missed.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options.poolSize ?? 10)
    : await openPglite(options.dataDir ?? "memory://");
  registerCacheDatabase(database);
  return database;
}

async function openPglite(dataDir: string): Promise<Database> {
  let location = dataDir;
  let release = () => {};
  if (!dataDir.startsWith("memory://")) {
    location = resolve(dataDir);
    mkdirSync(location, { recursive: true });
    release = lockDataDir(location);
  }
  const client = await PGlite.create(location).catch((error) => {
    release();
    throw error;
  });
  if (location.startsWith("memory://")) growMemoryFilesInPlace(client);
  keepPlans(client);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    boss: { backend: "pglite", db: fromPglite(client) as BossDb },
    async ping() {
      await client.query("select 1");
    },
    async listen(channel, onNotify) {
      const unlisten = await client.listen(channel, onNotify);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    async close() {
      if (!client.closed) await client.close();
      release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  await pool.query("select 1");
  return {
    kind: "postgres",
    db,
    boss: { backend: "postgres", connectionString: url },
    async ping() {
      await pool.query("select 1");
    },
    listen: postgresListener(url),
    async close() {
      await pool.end();
    },
  };
}

/**
 * One LISTEN connection per database for every channel (realtime, caches...), opened with the
 * first listener and closed with the last; it reconnects, and then tells every listener (with an
 * empty payload) that notifications may have been missed.
 */
function postgresListener(url: string) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let stopped = true;
  let current: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  const quoted = (channel: string) => `"${channel.replaceAll('"', "")}"`;
  const everyone = (payload: string) => {
    for (const set of handlers.values()) for (const handler of set) handler(payload);
  };
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? "");
    });
    client.on("error", () => {});
    client.on("end", () => {
      // Only a connection that was up reconnects from here: a failed connect is retried by
      // `reconnect` alone (both retrying doubled the attempts each round: a storm against a
      // dropped database).
      if (current !== client) return;
      current = null;
      if (!stopped) setTimeout(() => void reconnect(), 500).unref();
    });
    await client.connect();
    for (const channel of handlers.keys()) await client.query(`listen ${quoted(channel)}`);
    current = client;
  };
  const reconnect = async (): Promise<void> => {
    if (stopped || current) return;
    try {
      await connect();
      everyone("");
    } catch {
      setTimeout(() => void reconnect(), 1000).unref();
    }
  };
  return async (channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> => {
    const isNew = !handlers.has(channel);
    const set = handlers.get(channel) ?? new Set();
    set.add(onNotify);
    handlers.set(channel, set);
    if (stopped) {
      stopped = false;
      connecting = connect().finally(() => {
        connecting = null;
      });
    }
    try {
      await connecting;
      if (isNew && current && !connecting) await current.query(`listen ${quoted(channel)}`);
    } catch (error) {
      if (!current) stopped = true; // the next listener tries to connect again
      set.delete(onNotify);
      if (set.size === 0) handlers.delete(channel);
      throw error;
    }
    return async () => {
      set.delete(onNotify);
      if (set.size > 0) return;
      handlers.delete(channel);
      if (handlers.size > 0) {
        await current?.query(`unlisten ${quoted(channel)}`).catch(() => {});
        return;
      }
      stopped = true;
      const client = current;
      current = null;
      await client?.end().catch(() => {});
    };
  };
}

/** PGlite's directory under DATA_DIR. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, "pglite");
}
