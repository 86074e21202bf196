import { sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { enqueue } from "../../jobs/queue.ts";
import type { WebhookEvent } from "../../whatsapp/types.ts";
import { groupCommit } from "./group-commit.ts";
import { rememberParsed } from "./parsed-webhooks.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { whatsappWebhookEvents } from "./schema.ts";

/** At most one ingest wake-up per this many milliseconds per process. */
const WAKE_WINDOW_MS = 50;

/**
 * A stored webhook (with `text`, the JSON it was parsed from, and `events`, what parseWebhook made
 * of it, when the caller has them), or the raw bytes of one PostgreSQL refused, kept (processed)
 * for inspection.
 */
export type StoredWebhook =
  | { body: unknown; text?: string; events?: WebhookEvent[] }
  | { unstorable: { raw: Buffer; reason: string } };

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
  return groupCommit<StoredWebhook, Error | null>(
    async (items) => {
      try {
        await insertTogether(services, items);
        wake();
        return items.map(() => null);
      } catch {
        // Row by row from the parsed bodies (a lone webhook too: its text may hold what its
        // parsed body does not, such as a number beyond PostgreSQL's range).
        const results: (Error | null)[] = [];
        for (const item of items)
          results.push(
            await insertRows(services, [item]).then(
              () => null,
              (error: Error) => error,
            ),
          );
        if (results.includes(null)) wake();
        return results;
      }
    },
    // A flush waits a turn so the POSTs already received join it (on PGlite, whose statements
    // never yield to I/O, a flush started at once would carry one webhook). One flush at a time:
    // on PostgreSQL two made 1.7 times the inserts, each a round trip, for no shorter wait.
    { maxBatch: 500, maxConcurrent: 1, deferFlush: true },
  );
}

/**
 * A flush's webhooks in one statement: their JSON texts as one parameter (no per-row parameters
 * to build, no body stringified again), in arrival order; the rare unstorable ones beside them.
 * A refusal makes the caller store row by row from the parsed bodies, as before. The rows' parsed
 * events are kept for this process's ingest (see parsed-webhooks.ts).
 */
async function insertTogether(services: Services, items: StoredWebhook[]) {
  const { db } = services.database;
  const texts: string[] = [];
  const events: (WebhookEvent[] | undefined)[] = [];
  const others: StoredWebhook[] = [];
  for (const item of items)
    if ("body" in item) {
      texts.push(item.text ?? JSON.stringify(item.body));
      events.push(item.events);
    } else others.push(item);
  if (texts.length) {
    const result = await db.execute(sql`
      insert into whatsapp_webhook_events (body)
      select value from jsonb_array_elements(${`[${texts.join(",")}]`}::jsonb) with ordinality
      order by ordinality
      returning id`);
    // Ids are drawn in insert order (the ordinality's): ascending, they match the texts.
    const ids = (result as unknown as { rows: { id: string | number }[] }).rows
      .map((row) => Number(row.id))
      .sort((a, b) => a - b);
    rememberParsed(services.database, ids, events);
  }
  if (others.length) await insertRows(services, others);
}

/** Webhooks stored from their parsed bodies, one row each (Drizzle's multi-row insert). */
const insertRows = (services: Services, items: StoredWebhook[]) =>
  services.database.db.insert(whatsappWebhookEvents).values(items.map(rowOf));

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
