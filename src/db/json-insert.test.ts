import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../test/support/databases.ts";
import { insertReturning } from "./json-insert.ts";

const notes = pgTable("json_insert_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  body: jsonb("body").$type<Record<string, unknown>>().notNull(),
  note: text("note"),
  hits: integer("hits").notNull().default(0),
  at: timestamp("at", { withTimezone: true, precision: 3 }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

describeEachDatabase("insertReturning", (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await test.database.db.execute(sql`
      create table json_insert_notes (
        id uuid primary key default gen_random_uuid(), slug text not null unique, body jsonb not null,
        note text, hits integer not null default 0, at timestamptz(3), created_at timestamptz not null default now())`);
  });
  afterAll(() => test.drop());

  it("answers the rows as Drizzle's own insert does: types, nested JSON, defaults and nulls", async () => {
    const { db } = test.database;
    const at = new Date("2026-11-30T12:34:56.789Z");
    const body = { text: { body: "hola ñandú 🎉", quote: 'a "b" \\ c' }, list: [1, 2] };
    const rows = await insertReturning(db, notes, [
      { slug: "a", body, at, note: null },
      { slug: "b", body: { n: 1 }, at: null, note: "x" },
    ]);
    const drizzle = await db.insert(notes).values({ slug: "c", body, at, note: null }).returning();
    expect(rows.map(({ id: _id, createdAt: _c, slug: _s, ...rest }) => rest)).toEqual([
      { body, note: null, hits: 0, at },
      { body: { n: 1 }, note: "x", hits: 0, at: null },
    ]);
    const { id: _id, createdAt, slug: _s, ...same } = drizzle[0]!;
    expect(same).toEqual({ body, note: null, hits: 0, at });
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(rows[0]!.createdAt.getTime() - createdAt.getTime())).toBeLessThan(60_000);
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("applies a conflict clause and returns only the columns asked for", async () => {
    const { db } = test.database;
    const rows = await insertReturning(
      db,
      notes,
      [
        { slug: "a", body: {}, hits: 5 },
        { slug: "z", body: {}, hits: 1 },
      ],
      {
        onConflict: `on conflict ("slug") do update set "hits" = "json_insert_notes"."hits" + excluded.hits`,
        returning: ["slug", "hits"],
      },
    );
    expect(rows).toEqual([
      { slug: "a", hits: 5 },
      { slug: "z", hits: 1 },
    ]);
  });

  it("keeps Drizzle's builder when only some rows give a column that has a default", async () => {
    const { db } = test.database;
    const rows = await insertReturning(db, notes, [
      { slug: "d", body: {}, hits: 7 },
      { slug: "e", body: {} },
    ]);
    expect(rows.map((row) => row.hits)).toEqual([7, 0]);
    await expect(
      insertReturning(
        db,
        notes,
        [
          { slug: "f", body: {}, hits: 1 },
          { slug: "g", body: {} },
        ],
        {
          onConflict: "on conflict do nothing",
        },
      ),
    ).rejects.toThrow(/need Drizzle's builder/);
  });
});
