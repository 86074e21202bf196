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
  send(row: RealtimeRow): void;
}

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
  readonly #clients = new Set<StreamClient & { pending: RealtimeRow[] | null }>();
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
        for (const row of stable) this.#deliver(entry, row, true);
        if (stable.length < BATCH) break;
      }
    } finally {
      const waiting = entry.pending ?? [];
      entry.pending = null;
      for (const row of waiting) this.#deliver(entry, row, false);
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
      let waiting = false;
      for (const row of rows) {
        if (!row.stable) {
          waiting = true;
          break;
        }
        this.#cursor = { xid: row.xid, seq: row.seq };
        for (const client of this.#clients) this.#deliver(client, row, false);
      }
      if (waiting) this.#scheduleRetry(UNSTABLE_RETRY_MS);
      if (waiting || rows.length < BATCH) return;
    }
  }

  #deliver(client: StreamClient & { pending: RealtimeRow[] | null }, row: RealtimeRow, replay: boolean) {
    if (!visibleTo(client, row)) return;
    if (client.pending && !replay) {
      client.pending.push(row);
      return;
    }
    if (!after(row, client.cursor)) return;
    client.cursor = { xid: row.xid, seq: row.seq };
    client.send(row);
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
