import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";

/**
 * The realtime event log that Server-Sent Events streams read. Rows are ordered by the writing
 * transaction's id, then by sequence: a row is delivered once every transaction with a lower id has
 * ended (`xid` below the oldest id still held by a transaction of this database), so the ordered log only ever grows at its end and a client
 * resuming from its last event id never misses a row that committed late.
 */
export const realtimeEvents = pgTable(
  "realtime_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    xid: bigint("xid", { mode: "number" }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Only this user's streams get it (a mention, an assignment to them); null: every stream of the tenant. */
    userId: uuid("user_id"),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("realtime_events_position_idx").on(table.xid, table.seq),
    index("realtime_events_tenant_position_idx").on(table.tenantId, table.xid, table.seq),
    index("realtime_events_created_idx").on(table.createdAt),
  ],
);
