import { and, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { realtimeEvents } from "./schema.ts";

export const REALTIME_CHANNEL = "charla_realtime";

/** Where a row sits in the delivery order. */
export interface Position {
  xid: number;
  seq: number;
}

export interface RealtimeRow extends Position {
  tenantId: string;
  userId: string | null;
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface RealtimeEventInput {
  tenantId: string;
  userId?: string | null;
  type: string;
  data: Record<string, unknown>;
}

export const after = (a: Position, b: Position) => a.xid > b.xid || (a.xid === b.xid && a.seq > b.seq);

/**
 * Stores realtime events in the caller's transaction (one multi-row insert); the NOTIFY fires at
 * commit. Its payload is always empty: PostgreSQL folds identical notifications of one transaction
 * into one, so an ingest batch that publishes many times wakes the hubs once (they read the rows).
 */
export async function publishRealtime(tx: Executor, events: RealtimeEventInput[]): Promise<void> {
  if (events.length === 0) return;
  // The rows travel as one JSON parameter (an ingest batch carries thousands of events), in order,
  // and the NOTIFY rides in the same statement.
  const rows = JSON.stringify(
    events.map((event) => ({
      tenant_id: event.tenantId,
      user_id: event.userId ?? null,
      type: event.type,
      data: event.data,
    })),
  );
  await tx.execute(sql`
    with inserted as (
      insert into realtime_events (tenant_id, user_id, type, data)
      select v.tenant_id, v.user_id, v.type, v.data
      from rows from (jsonb_to_recordset(${rows}::jsonb) as (tenant_id uuid, user_id uuid, type text, data jsonb))
        with ordinality as v(tenant_id, user_id, type, data, ord)
      order by v.ord
      returning seq)
    select pg_notify(${REALTIME_CHANNEL}, '') from (select count(*) from inserted) as stored`);
}

/**
 * The oldest transaction of THIS database that may still write (it holds a transaction id), as a
 * 64-bit id: rows before it are final. Transactions of other databases on the server (the
 * cluster-wide snapshot xmin counts them) cannot write our rows, so they do not hold delivery back.
 * backend_xid is 32-bit: next id minus its age gives it in 64 bits (age is read after the snapshot,
 * so this errs early, the safe side). With none, every row present is final.
 */
const horizon = sql`coalesce(
  (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint - max(age(backend_xid))
     from pg_stat_activity where datname = current_database() and backend_xid is not null),
  pg_snapshot_xmax(pg_current_snapshot())::text::bigint)`;

/**
 * Rows after `from` in delivery order, each saying whether it is final (every transaction that could
 * still write before it has ended). Optionally one tenant's.
 */
export async function rowsAfter(
  db: Executor,
  from: Position,
  options: { tenantId?: string; limit: number },
): Promise<(RealtimeRow & { stable: boolean })[]> {
  const rows = await db
    .select({
      seq: realtimeEvents.seq,
      xid: realtimeEvents.xid,
      tenantId: realtimeEvents.tenantId,
      userId: realtimeEvents.userId,
      type: realtimeEvents.type,
      data: realtimeEvents.data,
      createdAt: realtimeEvents.createdAt,
      stable: sql<boolean>`${realtimeEvents.xid} < ${horizon}`,
    })
    .from(realtimeEvents)
    .where(
      and(
        sql`(${realtimeEvents.xid}, ${realtimeEvents.seq}) > (${from.xid}, ${from.seq})`,
        options.tenantId ? eq(realtimeEvents.tenantId, options.tenantId) : undefined,
      ),
    )
    .orderBy(realtimeEvents.xid, realtimeEvents.seq)
    .limit(options.limit);
  return rows.map((row) => ({ ...row, xid: Number(row.xid), seq: Number(row.seq) }));
}

/** The last final row's position: where a process's live delivery starts. */
export async function stableTail(db: Executor): Promise<Position> {
  const [row] = await db
    .select({ xid: realtimeEvents.xid, seq: realtimeEvents.seq })
    .from(realtimeEvents)
    .where(sql`${realtimeEvents.xid} < ${horizon}`)
    .orderBy(sql`${realtimeEvents.xid} desc`, sql`${realtimeEvents.seq} desc`)
    .limit(1);
  return row ? { xid: Number(row.xid), seq: Number(row.seq) } : { xid: 0, seq: 0 };
}

/** The position of one of the tenant's events by its id (a client's Last-Event-ID); null when gone. */
export async function positionOf(db: Executor, tenantId: string, seq: number): Promise<Position | null> {
  const [row] = await db
    .select({ xid: realtimeEvents.xid, seq: realtimeEvents.seq })
    .from(realtimeEvents)
    .where(and(eq(realtimeEvents.tenantId, tenantId), eq(realtimeEvents.seq, seq)));
  return row ? { xid: Number(row.xid), seq: Number(row.seq) } : null;
}

/** Drops events older than the retention: a client gone longer than that reloads instead of resuming. */
export async function pruneRealtime(db: Executor, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(realtimeEvents)
    .where(lt(realtimeEvents.createdAt, olderThan))
    .returning({ seq: realtimeEvents.seq });
  return rows.length;
}
