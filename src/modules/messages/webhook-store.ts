import type { Services } from "../../app/services.ts";
import { enqueue } from "../../jobs/queue.ts";
import { groupCommit } from "./group-commit.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { whatsappWebhookEvents } from "./schema.ts";

/** At most one ingest wake-up per this many milliseconds per process. */
const WAKE_WINDOW_MS = 50;

/**
 * Stores webhook bodies; the table is the queue. A row is durable once the (autocommit,
 * multi-row) insert returns, and webhooks arriving together share one insert (group commit).
 * The ingest job is woken after the commit, so it sees the rows: at once for the first webhook,
 * then at most once per window for those that follow (one job drains them all). A wake-up lost
 * to a crash or a failed send is made up by the ingest queue's schedule, a minute at most.
 */
export function webhookStore(services: Services, log: { warn(object: object, message: string): void }) {
  const wake = throttle(WAKE_WINDOW_MS, () =>
    enqueue(services, INGEST_QUEUE, {}).catch((error) =>
      log.warn({ err: error }, "could not wake webhook ingest; its schedule will"),
    ),
  );
  return groupCommit<unknown, null>(
    async (bodies) => {
      await services.database.db.insert(whatsappWebhookEvents).values(bodies.map((body) => ({ body })));
      wake();
      return bodies.map(() => null);
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
