import type { Services } from "../../app/services.ts";
import { enqueue } from "../../jobs/queue.ts";
import { groupCommit } from "./group-commit.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { whatsappWebhookEvents } from "./schema.ts";

/** At most one ingest wake-up per this many milliseconds per process. */
const WAKE_WINDOW_MS = 50;

/** A stored webhook, or the raw bytes of one PostgreSQL refused, kept (processed) for inspection. */
export type StoredWebhook = { body: unknown } | { unstorable: { raw: Buffer; reason: string } };

function rowOf(item: StoredWebhook) {
  if ("body" in item) return { body: item.body };
  // Base64 of the raw bytes is always storable; the row is done, so ingest never picks it up.
  return {
    body: {
      charla_unstorable: {
        reason: item.unstorable.reason,
        raw_base64: item.unstorable.raw.toString("base64"),
      },
    },
    processedAt: new Date(),
    error: `unstorable webhook: ${item.unstorable.reason}`.slice(0, 4000),
  };
}

/** PostgreSQL refused the data itself (data exception, or a limit such as jsonb depth): retrying cannot help. */
export function isDataRefusal(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  const sqlState = cause?.code ?? code ?? "";
  return sqlState.startsWith("22") || sqlState.startsWith("54");
}

/**
 * Stores webhook bodies; the table is the queue. A row is durable once the (autocommit,
 * multi-row) insert returns, and webhooks arriving together share one insert (group commit).
 * A batch the database refuses is stored row by row, so one body it cannot hold fails alone (its
 * caller gets the error) and never the webhooks beside it. The ingest job is woken after the
 * commit, so it sees the rows: at once for the first webhook, then at most once per window for
 * those that follow (one job drains them all). A wake-up lost to a crash or a failed send is made
 * up by the ingest queue's schedule, a minute at most.
 */
export function webhookStore(services: Services, log: { warn(object: object, message: string): void }) {
  const wake = throttle(WAKE_WINDOW_MS, () =>
    enqueue(services, INGEST_QUEUE, {}).catch((error) =>
      log.warn({ err: error }, "could not wake webhook ingest; its schedule will"),
    ),
  );
  const insert = (items: StoredWebhook[]) =>
    services.database.db.insert(whatsappWebhookEvents).values(items.map(rowOf));
  return groupCommit<StoredWebhook, Error | null>(
    async (items) => {
      try {
        await insert(items);
        wake();
        return items.map(() => null);
      } catch (batchError) {
        if (items.length === 1) return [batchError as Error];
        const results: (Error | null)[] = [];
        for (const item of items)
          results.push(
            await insert([item]).then(
              () => null,
              (error: Error) => error,
            ),
          );
        if (results.includes(null)) wake();
        return results;
      }
    },
    { maxBatch: 500, maxConcurrent: 1 },
  );
}

/** Calls `run` at once, then at most once per window: calls inside a window make one call at its end. */
function throttle(windowMs: number, run: () => unknown): () => void {
  let timer: NodeJS.Timeout | null = null;
  let again = false;
  const open = () => {
    timer = setTimeout(() => {
      timer = null;
      if (again) {
        again = false;
        run();
        open();
      }
    }, windowMs);
    timer.unref();
  };
  return () => {
    if (timer) {
      again = true;
      return;
    }
    run();
    open();
  };
}
