import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../test/support/databases.ts";
import { executeKept } from "./kept-plans.ts";

type Rows<T> = { rows: T[] };

describeEachDatabase("executeKept", (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await test.database.db.execute(
      sql`create table kept_notes (id int primary key, body text, at timestamptz)`,
    );
  });
  afterAll(() => test.drop());

  const insert = (id: number, body: string | null, at: Date | null) => sql`
    with v as (insert into kept_notes (id, body, at) values (${id}, ${body}, ${at}) returning *)
    select id, body, at from v`;

  it("answers what db.execute answers, with quotes, backslashes, nulls, times and JSON in the values", async () => {
    const { db } = test.database;
    const at = new Date("2026-12-01T08:00:00.123Z");
    const body = `it's "quoted" \\ ñandú 🎉 $1 ${"''"}`;
    const kept = await executeKept<Rows<{ id: number; body: string; at: string }>>(db, insert(1, body, at));
    const plain = (await db.execute(insert(2, body, at))) as unknown as Rows<{
      id: number;
      body: string;
      at: string;
    }>;
    expect(kept.rows).toEqual([{ ...plain.rows[0], id: 1 }]);
    expect(kept.rows[0]!.body).toBe(body);
    expect(new Date(kept.rows[0]!.at).getTime()).toBe(at.getTime());
    const nulls = await executeKept<Rows<{ body: null; at: null }>>(db, insert(3, null, null));
    expect(nulls.rows[0]).toMatchObject({ body: null, at: null });
    const json = JSON.stringify([{ id: 4, body: "o'clock" }]);
    const fromJson = await executeKept<Rows<{ body: string }>>(
      db,
      sql`select body from json_to_recordset(${json}::json) as v(id int, body text)`,
    );
    expect(fromJson.rows).toEqual([{ body: "o'clock" }]);
  });

  it("prepares a statement once on PGlite, in transactions too, and keeps it after a rollback", async () => {
    const { db } = test.database;
    const count = sql`select count(*)::int as n from kept_notes where id > ${0}`;
    await db
      .transaction(async (tx) => {
        await executeKept(tx, count);
        tx.rollback();
      })
      .catch(() => {});
    for (let i = 0; i < 7; i++)
      await db.transaction(async (tx) => {
        expect((await executeKept<Rows<{ n: number }>>(tx, count)).rows[0]!.n).toBe(3);
      });
    const prepared = (await db.execute(
      sql`select count(*)::int as n from pg_prepared_statements where statement like ${"%from kept_notes where id >%"}`,
    )) as unknown as Rows<{ n: number }>;
    // PostgreSQL gets the statement as it is (a pool of connections, native planning).
    expect(prepared.rows[0]!.n).toBe(kind === "pglite" ? 1 : 0);
  });
});
