import type { Database } from "../../db/client.ts";
import {
  after,
  type Position,
  REALTIME_CHANNEL,
  type RealtimeRow,
  rowsAfter,
  stableTail,
} from "./service.ts";

/** One open stream: a tenant's (and, signed in, a user's) browser tab or API client. */
export interface StreamClient {
  tenantId: string;
  userId: string | null;
  /** The last position sent to it. */
  cursor: Position;
  /**
   * Rows for it, in order. Streams that get exactly the same rows get the same array, so what is
   * written to them can be built once (with hundreds of streams, that is most of the fan-out).
   */
  send(rows: readonly RealtimeRow[]): void;
}

type Entry = StreamClient & { pending: RealtimeRow[] | null };

const BATCH = 500;
/** How soon to look again while rows wait on transactions that have not ended. */
const UNSTABLE_RETRY_MS = 20;
/** A safety poll in case a notification was lost. */
const SAFETY_POLL_MS = 1_000;

export const visibleTo = (client: Pick<StreamClient, "tenantId" | "userId">, row: RealtimeRow) =>
  row.tenantId === client.tenantId && (row.userId === null || row.userId === client.userId);

/**
 * One per API process: LISTENs for new realtime rows, reads the final ones in order and hands them
 * to the streams of their tenant. A NOTIFY carries only an id; the rows are read from the table.
 */
export class RealtimeHub {
  readonly #database: Database;
  readonly #clients = new Set<Entry>();
  #cursor: Position = { xid: 0, seq: 0 };
  #running = false;
  #again = false;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #safety: NodeJS.Timeout | null = null;
  #unlisten: (() => Promise<void>) | null = null;

  constructor(database: Database) {
    this.#database = database;
  }

  async start(): Promise<void> {
    this.#unlisten = await this.#database.listen(REALTIME_CHANNEL, () => this.poke());
    this.#cursor = await stableTail(this.#database.db);
    this.#safety = setInterval(() => this.poke(), SAFETY_POLL_MS);
    this.#safety.unref();
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Adds a stream. With `resumeFrom`, what it missed is replayed first, with nothing lost or repeated. */
  async add(client: StreamClient, resumeFrom: Position | null): Promise<() => void> {
    const entry = Object.assign(client, { pending: resumeFrom ? ([] as RealtimeRow[]) : null });
    if (!resumeFrom) entry.cursor = this.#cursor;
    this.#clients.add(entry);
    const remove = () => this.#clients.delete(entry);
    if (!resumeFrom) return remove;
    entry.cursor = resumeFrom;
    try {
      for (;;) {
        const rows = await rowsAfter(this.#database.db, entry.cursor, {
          tenantId: client.tenantId,
          limit: BATCH,
        });
        const stable = rows.filter((row) => row.stable);
        this.#deliver(entry, stable);
        if (stable.length < BATCH) break;
      }
    } finally {
      const waiting = entry.pending ?? [];
      entry.pending = null;
      this.#deliver(entry, waiting);
    }
    return remove;
  }

  /** Something may have been written: read it soon (coalesces concurrent calls). */
  poke(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    void this.#drain()
      .catch(() => {
        this.#scheduleRetry(SAFETY_POLL_MS);
      })
      .finally(() => {
        this.#running = false;
        if (this.#again) {
          this.#again = false;
          this.poke();
        }
      });
  }

  async #drain(): Promise<void> {
    for (;;) {
      const rows = await rowsAfter(this.#database.db, this.#cursor, { limit: BATCH });
      const unstable = rows.findIndex((row) => !row.stable);
      const waiting = unstable !== -1;
      const stable = waiting ? rows.slice(0, unstable) : rows;
      const last = stable.at(-1);
      if (last) {
        this.#cursor = { xid: last.xid, seq: last.seq };
        this.#fanOut(stable);
      }
      if (waiting) this.#scheduleRetry(UNSTABLE_RETRY_MS);
      if (waiting || rows.length < BATCH) return;
    }
  }

  /** Final rows to every stream: the streams of a tenant that see all its rows share one array. */
  #fanOut(rows: RealtimeRow[]): void {
    const byTenant = new Map<string, RealtimeRow[]>();
    /** Tenants with a row for one user only: their streams cannot share the array. */
    const personal = new Set<string>();
    for (const row of rows) {
      const list = byTenant.get(row.tenantId);
      if (list) list.push(row);
      else byTenant.set(row.tenantId, [row]);
      if (row.userId !== null) personal.add(row.tenantId);
    }
    for (const client of this.#clients) {
      const list = byTenant.get(client.tenantId);
      if (!list) continue;
      if (client.pending) {
        for (const row of list) if (visibleTo(client, row)) client.pending.push(row);
        continue;
      }
      // Behind the first row (the usual case) and no personal rows: the shared array as it is.
      if (!personal.has(client.tenantId) && after(list[0]!, client.cursor)) {
        client.cursor = { xid: list.at(-1)!.xid, seq: list.at(-1)!.seq };
        client.send(list);
      } else this.#deliver(client, list);
    }
  }

  /** Rows to one stream: only those it may see and has not had yet. */
  #deliver(client: Entry, rows: readonly RealtimeRow[]): void {
    const fresh = rows.filter((row) => visibleTo(client, row) && after(row, client.cursor));
    const last = fresh.at(-1);
    if (!last) return;
    client.cursor = { xid: last.xid, seq: last.seq };
    client.send(fresh);
  }

  #scheduleRetry(ms: number): void {
    if (this.#retry || this.#stopped) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.poke();
    }, ms);
    this.#retry.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#safety) clearInterval(this.#safety);
    this.#clients.clear();
    await this.#unlisten?.();
  }
}
