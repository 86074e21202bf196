import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client.ts";
import { expandFile, grownCapacity } from "./pglite-memfs.ts";

const MIB = 1024 * 1024;

describe("in-memory PGlite files", () => {
  it("grow geometrically, at least to what is needed", () => {
    expect(grownCapacity(0, 10)).toBe(256);
    expect(grownCapacity(4096, 4097)).toBe(8192);
    expect(grownCapacity(4096, 100_000)).toBe(100_000);
    expect(grownCapacity(128 * MIB, 128 * MIB + 1)).toBe(192 * MIB);
    expect(grownCapacity(8192, 8192)).toBe(8192);
  });

  it("past 1 MiB grow in place in a resizable buffer, keeping every byte written", () => {
    const node = { contents: new Uint8Array(0) as Uint8Array | null, usedBytes: 0 };
    let written = 0;
    let moves = 0;
    let buffer: ArrayBufferLike | undefined;
    // PostgreSQL extends a relation 8 KiB at a time.
    for (let page = 0; page < 1024; page++) {
      expandFile(node, written + 8192);
      if (node.contents!.buffer !== buffer) moves++;
      buffer = node.contents!.buffer;
      node.contents!.fill(page % 251, written, written + 8192);
      written += 8192;
      node.usedBytes = written;
    }
    expect(node.contents!.length).toBeGreaterThanOrEqual(8 * MIB);
    expect((node.contents!.buffer as ArrayBuffer).resizable).toBe(true);
    // Doubling to 1 MiB (8 KiB -> 1 MiB: 8 buffers), then one move into the resizable buffer.
    expect(moves).toBeLessThanOrEqual(10);
    for (let page = 0; page < 1024; page += 97) expect(node.contents![page * 8192 + 100]).toBe(page % 251);
  });

  it("moves a file whose view has a fixed length, even over a resizable buffer", () => {
    const shared = new ArrayBuffer(2 * MIB, { maxByteLength: 8 * MIB });
    const node = { contents: new Uint8Array(shared, 0, 2 * MIB) as Uint8Array | null, usedBytes: 2 * MIB };
    node.contents!.fill(7);
    expandFile(node, 3 * MIB);
    expect(node.contents!.length).toBeGreaterThanOrEqual(3 * MIB);
    expect(node.contents![2 * MIB - 1]).toBe(7);
    expect(node.contents![2 * MIB]).toBe(0);
  });

  describe("a memory:// database", () => {
    let database: Database;
    beforeAll(async () => {
      database = await openDatabase({ dataDir: "memory://" });
    });
    afterAll(() => database.close());

    it("grows its files in place, and stores and reads back a table of several megabytes", async () => {
      const { db } = database;
      // openDatabase installed the policy on this database's own file system.
      const client = (db as unknown as { $client: { mod?: { MEMFS?: { expandFileStorage: unknown } } } })
        .$client;
      expect(client.mod?.MEMFS?.expandFileStorage).toBe(expandFile);
      await db.execute(sql`create table memfs_rows (id int primary key, body text)`);
      await db.execute(
        sql`insert into memfs_rows select i, repeat(md5(i::text), 16) from generate_series(1, 20000) i`,
      );
      await db.execute(sql`checkpoint`);
      const result = (await db.execute(
        sql`select count(*)::int as n, sum(length(body))::int as bytes,
          pg_relation_size('memfs_rows')::int as size,
          bool_and(body = repeat(md5(id::text), 16)) as intact from memfs_rows`,
      )) as unknown as { rows: { n: number; bytes: number; size: number; intact: boolean }[] };
      expect(result.rows[0]).toMatchObject({ n: 20_000, bytes: 20_000 * 512, intact: true });
      expect(result.rows[0]!.size).toBeGreaterThan(4 * MIB);
    });
  });
});
