import { and, type Column, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { fromDriverRow } from "../../db/json-insert.ts";
import { type DomainEvent, emit } from "../../events/index.ts";
import { enqueue } from "../../jobs/queue.ts";
import type { InboundMessageEvent, StatusEvent, WebhookEvent } from "../../whatsapp/types.ts";
import { parseWebhook } from "../../whatsapp/webhook.ts";
import type { Contact } from "../contacts/index.ts";
import { accountIdsByWaba, requestNumbersRefresh } from "../numbers/index.ts";
import { applyTemplateQuality, applyTemplateStatus } from "../templates/index.ts";
import { emitAccountUpdates } from "./account-updates.ts";
import { messageEvent } from "./events.ts";
import { applyInboundBatch } from "./inbound-batch.ts";
import { handleOptOutKeyword } from "./opt-out.ts";
import { forgetParsed, parsedEvents } from "./parsed-webhooks.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { messages, whatsappWebhookEvents } from "./schema.ts";

type MessageRow = typeof messages.$inferSelect;
const MESSAGE_COLUMNS = Object.entries(getTableColumns(messages)) as [string, Column][];

/** Stored webhooks claimed per transaction. */
const BATCH_SIZE = 500;
/** Batches one job ingests before it hands over to a fresh job (so it never outlives its expiry). */
const MAX_BATCHES_PER_JOB = 50;
/** Attempts, each in its own transaction, at a webhook whose batch failed, before it is parked. */
const ROW_ATTEMPTS = 3;

/** Order of delivery states: a status never moves a message to a lower rank. */
const rank: Record<string, number> = {
  queued: 0,
  dispatching: 1,
  accepted: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
};
const timestampColumn = {
  sent: "sentAt",
  delivered: "deliveredAt",
  read: "readAt",
  failed: "failedAt",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Transactions one ingest job runs at once when webhooks are waiting: while one applies its batch
 * (PostgreSQL writing), the next claims and builds its own (Node's work), so the two overlap.
 */
const LANES = 2;

/**
 * The ingest job: claims unprocessed stored webhooks in batches (FOR UPDATE SKIP LOCKED, so
 * several workers share them) and applies each batch in one transaction that also marks its rows
 * processed, until none is left. A full claim means more are waiting: a second lane starts beside
 * the first. Returns the webhooks done.
 */
export async function ingestPendingWebhooks(services: Services): Promise<number> {
  let total = 0;
  let handOver = false;
  const lanes: Promise<unknown>[] = [];
  const widen = (claimed: number) => {
    if (claimed === BATCH_SIZE && lanes.length < LANES)
      // Its failure is reported when the job awaits it (below), not as an unhandled rejection.
      lanes.push(
        lane().then(
          () => null,
          (error: unknown) => ({ error }),
        ),
      );
  };
  const lane = async () => {
    for (let round = 0; round < MAX_BATCHES_PER_JOB; round++) {
      const done = await ingestBatch(services, undefined, widen);
      total += done;
      if (done < BATCH_SIZE) return;
    }
    handOver = true;
  };
  lanes.push(
    lane().then(
      () => null,
      (error: unknown) => ({ error }),
    ),
  );
  for (let i = 0; i < lanes.length; i++) {
    const failed = (await lanes[i]) as { error: unknown } | null;
    if (failed) throw failed.error;
  }
  if (handOver) await enqueue(services, INGEST_QUEUE, {});
  return total;
}

/**
 * Applies stored Meta webhooks in one transaction: statuses (idempotent, never backwards),
 * inbound messages (deduplicated by wamid), opt-out keywords. With `eventIds` only those rows
 * (if still unprocessed), otherwise the oldest unprocessed ones. A batch that fails is retried
 * row by row, so one bad webhook cannot hold the others back; a row that keeps failing keeps its
 * error in `whatsapp_webhook_events.error` and is left out of later claims (clear the error to replay it).
 */
export async function ingestBatch(
  services: Services,
  eventIds?: number[],
  onClaim?: (claimed: number) => void,
): Promise<number> {
  const claimedIds: number[] = [];
  try {
    return await ingestInTransaction(services, eventIds, claimedIds, onClaim);
  } catch (error) {
    if (claimedIds.length === 0) throw error;
    // Row by row from the stored bodies, as a replay would.
    forgetParsed(services.database, claimedIds);
    for (const id of claimedIds) {
      for (let attempt = 1; ; attempt++) {
        try {
          await ingestInTransaction(services, [id], []);
          break;
        } catch (rowError) {
          if (attempt < ROW_ATTEMPTS) continue;
          await services.database.db
            .update(whatsappWebhookEvents)
            .set({ error: String((rowError as Error)?.stack ?? rowError).slice(0, 4000) })
            .where(eq(whatsappWebhookEvents.id, id));
          break;
        }
      }
    }
    return claimedIds.length;
  }
}

async function ingestInTransaction(
  services: Services,
  eventIds: number[] | undefined,
  claimedIds: number[],
  onClaim?: (claimed: number) => void,
): Promise<number> {
  const { db } = services.database;
  const known = parsedEvents(services.database);
  const done = await db.transaction(async (tx) => {
    const stored = await claimWebhooks(tx, eventIds, known);
    if (stored.length === 0) return 0;
    claimedIds.push(...stored.map((row) => row.id));
    onClaim?.(stored.length);
    // Parsed after the claim is recorded: a body that does not parse fails the batch, which is
    // then retried row by row (below), so it is parked alone.
    const parsed = stored.flatMap((row) => row.events ?? parseWebhook(row.body));
    // Statuses in the order they happened, whatever order the webhooks came in.
    const statuses = parsed
      .filter((event): event is StatusEvent => event.kind === "status")
      .sort((a, b) => a.timestamp - b.timestamp);
    const inbound = parsed.filter((event): event is InboundMessageEvent => event.kind === "message");
    // The batch's messages reach subscribers in one emit (one realtime insert, one search insert,
    // one NOTIFY...), then each one's STOP keyword is handled, in the order they came.
    const received = await applyInboundBatch(tx, services, inbound);
    await emit(
      { boss: services.boss, tx },
      received.map(({ message }) => messageEvent(message, "message.received")),
    );
    // A contact who repeats the keyword within the batch is opted out (and answered) once.
    const contacts = new Map<string, Contact>();
    for (const { contact, number, event } of received)
      contacts.set(
        contact.id,
        await handleOptOutKeyword(tx, services, contacts.get(contact.id) ?? contact, number, event),
      );
    await applyStatuses(tx, services, statuses);
    for (const event of parsed)
      if (event.kind === "template_status") await applyTemplateStatus(tx, services, event);
      else if (event.kind === "template_quality") await applyTemplateQuality(tx, services, event);
    await refreshNumbersOnQualityUpdates(tx, services, parsed);
    await emitAccountUpdates(tx, services, parsed);
    await tx
      .update(whatsappWebhookEvents)
      .set({ processedAt: new Date(), error: null })
      .where(
        inArray(
          whatsappWebhookEvents.id,
          stored.map((row) => row.id),
        ),
      );
    return stored.length;
  });
  forgetParsed(services.database, claimedIds);
  await keepStatistics(services, done);
  return done;
}

/** Per PGlite database: webhooks ingested by this process, and the count at which to analyze next. */
const ingestedSinceStart = new WeakMap<object, { done: number; next: number }>();

/**
 * PGlite has no autovacuum, so nothing gathers the planner's statistics: without them it hashed
 * the whole messages table for every batch's status update (EXPLAIN ANALYZE at 20,000 rows: 72 ms
 * for 300 statuses, a seq scan of every row, against index probes with statistics). Analyzed as
 * the webhooks ingested in this process double (from 200), so the cost stays logarithmic; the
 * daily partitions job analyzes in full (jobs.ts). PostgreSQL's autovacuum does this itself.
 * What ingest's statements need is the partitions' sizes and that ids and wamids are unique: the
 * two columns, from a sample of 3,000 rows instead of 30,000 (at 60,000 messages 20 ms instead of
 * 398 ms; a full ANALYZE landing in a bench phase was the largest single stall in it).
 */
async function keepStatistics(services: Services, done: number) {
  if (services.database.kind !== "pglite" || done === 0) return;
  const counter = ingestedSinceStart.get(services.database) ?? { done: 0, next: 200 };
  ingestedSinceStart.set(services.database, counter);
  counter.done += done;
  if (counter.done < counter.next) return;
  counter.next = counter.done * 2;
  await services.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local default_statistics_target = 10`);
    await tx.execute(sql`analyze messages (id, wamid)`);
  });
}

/**
 * Claims the oldest unprocessed stored webhooks (or `eventIds`) with FOR UPDATE SKIP LOCKED: each
 * with its events when this process's receiver parsed it (its body is not read back), else with
 * its body. With nothing received in this process (a worker beside a separate API process, or a
 * replay) the claim reads the bodies itself: one statement, as before.
 */
async function claimWebhooks(
  tx: Tx,
  eventIds: number[] | undefined,
  known: Map<number, WebhookEvent[]>,
): Promise<{ id: number; events?: WebhookEvent[] | undefined; body?: unknown }[]> {
  const table = whatsappWebhookEvents;
  const withBodies = known.size === 0;
  const rows = await tx
    .select({ id: table.id, body: withBodies ? table.body : sql<unknown>`null` })
    .from(table)
    .where(
      eventIds
        ? and(inArray(table.id, eventIds), isNull(table.processedAt))
        : and(isNull(table.processedAt), isNull(table.error)),
    )
    .orderBy(table.id)
    .limit(BATCH_SIZE)
    .for("update", { skipLocked: true });
  if (withBodies) return rows;
  // Taken now: an entry evicted during the read below is still used.
  const claimed = rows.map((row) => ({ id: row.id, events: known.get(row.id) }));
  const missing = claimed.filter((row) => !row.events).map((row) => row.id);
  const bodies = new Map<number, unknown>();
  if (missing.length)
    for (const row of await tx
      .select({ id: table.id, body: table.body })
      .from(table)
      .where(inArray(table.id, missing)))
      bodies.set(row.id, row.body);
  return claimed.map((row) => (row.events ? row : { id: row.id, body: bodies.get(row.id) }));
}

/**
 * Applies a batch's statuses (sorted by time): the messages are read and locked in one or two
 * queries, the statuses applied in memory with the ranking rules, the results written back in
 * one statement, and the customer events published together.
 */
async function applyStatuses(tx: Tx, services: Services, statuses: StatusEvent[]) {
  const tracked = statuses.filter((event) => event.status in timestampColumn);
  if (tracked.length === 0) return;
  const { byWamid, byId } = await lockStatusMessages(tx, tracked);
  const now = new Date();
  const changed = new Map<string, { row: MessageRow; error: boolean; pricing: boolean }>();
  const events: DomainEvent[] = [];
  for (const event of tracked) {
    let message = byWamid.get(event.messageId);
    if (!message && event.bizOpaqueCallbackData) {
      const candidate = byId.get(event.bizOpaqueCallbackData);
      // Our id links the status when the wamid is not recorded yet, or is this very wamid.
      if (candidate && (candidate.wamid === null || candidate.wamid === event.messageId)) {
        candidate.wamid = event.messageId;
        byWamid.set(event.messageId, candidate);
        message = candidate;
      }
    }
    if (!message) continue;
    const target = event.status as keyof typeof timestampColumn;
    const forward =
      rank[target]! > rank[message.status]! &&
      !(target === "failed" && rank[message.status]! >= rank.delivered!);
    const column = timestampColumn[target];
    const change = changed.get(message.id) ?? { row: message, error: false, pricing: false };
    if (forward) message.status = target;
    message[column] ??= new Date(event.timestamp * 1000);
    const error = event.errors[0];
    if (forward && target === "failed" && error) {
      message.error = {
        code: error.code,
        title: error.title,
        message: error.message,
        details: error.details,
      };
      change.error = true;
    }
    if (event.pricing) {
      message.pricing = { ...event.pricing };
      change.pricing = true;
    }
    if (event.conversation) message.metaConversationId = event.conversation.id;
    message.updatedAt = now;
    changed.set(message.id, change);
    if (forward) events.push(messageEvent(message, `message.${target}`));
  }
  if (changed.size === 0) return;

  const values = [...changed.values()].map(({ row, error, pricing }) => ({
    id: row.id,
    wamid: row.wamid,
    status: row.status,
    sent_at: row.sentAt,
    delivered_at: row.deliveredAt,
    read_at: row.readAt,
    failed_at: row.failedAt,
    set_error: error,
    error: row.error,
    pricing: pricing ? row.pricing : null,
    meta_conversation_id: row.metaConversationId,
    updated_at: row.updatedAt,
  }));
  // The rows are locked by this transaction, so the in-memory state is the truth; coalesce keeps
  // the stored values (and their precision) of timestamps that were already set.
  await tx.execute(sql`
    update messages m set
      wamid = coalesce(m.wamid, v.wamid),
      status = v.status,
      sent_at = coalesce(m.sent_at, v.sent_at),
      delivered_at = coalesce(m.delivered_at, v.delivered_at),
      read_at = coalesce(m.read_at, v.read_at),
      failed_at = coalesce(m.failed_at, v.failed_at),
      error = case when v.set_error then v.error else m.error end,
      pricing = coalesce(v.pricing, m.pricing),
      meta_conversation_id = v.meta_conversation_id,
      updated_at = v.updated_at
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
      id uuid, wamid text, status text, sent_at timestamptz, delivered_at timestamptz,
      read_at timestamptz, failed_at timestamptz, set_error boolean, error jsonb, pricing jsonb,
      meta_conversation_id text, updated_at timestamptz)
    where m.id = v.id`);
  await emit({ boss: services.boss, tx }, events);
}

/**
 * Locks the messages a batch of statuses names, by wamid and by Charla's id (biz_opaque_callback_data)
 * in one statement. The id is matched whatever the row's wamid: the dispatcher may record the wamid
 * at any moment, and a lookup that wanted "wamid is null" would then miss the row (it was committed
 * after a lookup by wamid saw nothing, or re-checked after the dispatcher's lock was released), so
 * the status would be acknowledged and never applied. Locked by id, the row is found either way.
 */
async function lockStatusMessages(tx: Tx, tracked: StatusEvent[]) {
  const wamids = [...new Set(tracked.map((event) => event.messageId))];
  const ids = [
    ...new Set(
      tracked
        .map((event) => event.bizOpaqueCallbackData)
        .filter((id): id is string => typeof id === "string" && UUID.test(id)),
    ),
  ];
  // Raw SQL, the lists as one JSON parameter each, mapped once per column: Drizzle's builder bound
  // a parameter per wamid and its row mapping ran its checks per field (a batch locks thousands).
  const byIds = ids.length
    ? sql` or id = any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid))`
    : sql``;
  const result = (await tx.execute(sql`
    select * from messages
    where wamid = any(array(select jsonb_array_elements_text(${JSON.stringify(wamids)}::jsonb)))${byIds}
    order by id
    for update`)) as unknown as { rows: Record<string, unknown>[] };
  const rows = result.rows.map((raw) => fromDriverRow<MessageRow>(MESSAGE_COLUMNS, raw));
  const byWamid = new Map<string, MessageRow>();
  const byId = new Map<string, MessageRow>();
  for (const row of rows) {
    if (row.wamid !== null) byWamid.set(row.wamid, row);
    byId.set(row.id, row);
  }
  return { byWamid, byId };
}

/**
 * Meta's phone_number_quality_update says a number's quality or limit moved: the account's numbers
 * are re-read from Meta (one job per account, whatever the number of webhooks).
 */
async function refreshNumbersOnQualityUpdates(tx: Tx, services: Services, events: WebhookEvent[]) {
  const wabaIds = [
    ...new Set(events.filter((event) => event.kind === "phone_number_quality").map((event) => event.wabaId)),
  ];
  if (wabaIds.length === 0) return;
  await requestNumbersRefresh({ boss: services.boss, tx }, await accountIdsByWaba(tx, wabaIds));
}
