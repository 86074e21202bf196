import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";
import { type Database, type DatabaseKind, openDatabase } from "../../src/db/client.ts";

const postgresUrl = inject("postgresUrl");

/** Runs the same suite on PGlite and on PostgreSQL (skipped, loudly, only when no server answers). */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  describe(`${name} [pglite]`, () => suite("pglite"));
  describe.skipIf(!postgresUrl)(`${name} [postgres]`, () => suite("postgres"));
}

export interface TestDatabase {
  database: Database;
  /** The URL of the throwaway PostgreSQL database (null on PGlite). */
  url: string | null;
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh empty database: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    return { database, url: null, drop: () => database.close() };
  }
  if (!postgresUrl) throw new Error("no PostgreSQL server for tests");
  const name = `charla_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabaseName(postgresUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  return {
    database,
    url,
    async drop() {
      // A job still holding a pool client after the queue's graceful stop would make pool.end()
      // wait forever (an afterAll timeout); the forced drop below ends such connections.
      const closed = database.close();
      const timedOut = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, 5_000, true).unref()),
      ]);
      if (timedOut) console.warn(`database ${name}: the pool did not close within 5 s; dropping it by force`);
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      closed.catch(() => {});
    },
  };
}
