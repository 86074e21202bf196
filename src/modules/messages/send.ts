import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { insertReturning } from "../../db/json-insert.ts";
import { enqueueMany } from "../../jobs/queue.ts";
import { unprocessable } from "../../lib/problem.ts";
import { type BillableSend, reserveForMessages } from "../billing/index.ts";
import {
  conversationKey,
  indexOutbound,
  messagePreview,
  touchConversations,
} from "../conversations/index.ts";
import { prepareSends, type SendRequest } from "./checks.ts";
import { groupCommit } from "./group-commit.ts";
import type { SendMessageInput } from "./input.ts";
import { DISPATCH_QUEUE } from "./queues.ts";
import { messageIdempotencyKeys, messages } from "./schema.ts";

export type MessageRow = typeof messages.$inferSelect;
/** Messages per dispatch job. */
const DISPATCH_JOB_SIZE = 250;
/**
 * A message to store; `preview` (else one made from the content) goes to its conversation;
 * `billing` (the recipient's phone and window) has billing reserve its price in the same transaction.
 */
export type OutboundValues = Omit<typeof messages.$inferInsert, "direction" | "status" | "conversationId"> & {
  preview?: string;
  billing?: Pick<BillableSend, "phone" | "windowOpen">;
};

/** Stores an outbound message and its dispatch job in the caller's transaction. */
export async function queueOutbound(
  tx: Tx,
  services: Pick<Services, "boss">,
  values: OutboundValues,
): Promise<MessageRow> {
  const [message] = await queueOutboundBatch(tx, services, [values]);
  return message!;
}

/**
 * Stores outbound messages (in their conversations) and ONE dispatch job carrying all of them in
 * the caller's transaction: they exist if and only if they will be dispatched. Rows in the order given.
 */
export async function queueOutboundBatch(
  tx: Tx,
  services: Pick<Services, "boss">,
  values: OutboundValues[],
): Promise<MessageRow[]> {
  const now = new Date();
  const conversationIds = await touchConversations(
    tx,
    values.map((value) => ({
      tenantId: value.tenantId,
      phoneNumberId: value.phoneNumberId,
      contactId: value.contactId,
      direction: "outbound",
      at: now,
      preview: value.preview ?? messagePreview(value.type, value.content),
    })),
  );
  const withIds = values.map(({ preview: _preview, billing: _billing, ...value }) => ({
    ...value,
    id: value.id ?? randomUUID(),
    conversationId: conversationIds.get(conversationKey(value.phoneNumberId, value.contactId)) ?? null,
    direction: "outbound" as const,
    status: "queued" as const,
  }));
  const keyed = withIds.filter((value) => value.idempotencyKey);
  // A key already taken fails the transaction with a unique violation (acceptMessage replays it).
  if (keyed.length)
    await tx
      .insert(messageIdempotencyKeys)
      .values(
        keyed.map((value) => ({ tenantId: value.tenantId, key: value.idempotencyKey!, messageId: value.id })),
      );
  const rows = await insertReturning(tx, messages, withIds);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = withIds.map((value) => byId.get(value.id));
  if (ordered.some((row) => !row)) throw new Error("insert returned fewer rows than it was given");
  // The inbox searches what the business wrote too (a template by the text it renders to).
  await indexOutbound(
    tx,
    withIds.map((value, index) => ({ ...value, renderedText: values[index]!.preview })),
  );
  await reserveForMessages(
    { boss: services.boss, tx },
    (ordered as MessageRow[]).flatMap((row, index) => {
      const billing = values[index]!.billing;
      return billing
        ? [
            {
              messageId: row.id,
              tenantId: row.tenantId,
              phoneNumberId: row.phoneNumberId,
              contactId: row.contactId,
              templateId: row.templateId,
              category: row.type === "template" ? row.category : null,
              at: row.createdAt,
              ...billing,
            },
          ]
        : [];
    }),
  );
  // Jobs of at most DISPATCH_JOB_SIZE messages, all in one statement: several workers can share a big batch.
  const ids = withIds.map((value) => value.id);
  const jobs: { messageIds: string[] }[] = [];
  for (let start = 0; start < ids.length; start += DISPATCH_JOB_SIZE)
    jobs.push({ messageIds: ids.slice(start, start + DISPATCH_JOB_SIZE) });
  await enqueueMany({ boss: services.boss, tx }, DISPATCH_QUEUE, jobs);
  return ordered as MessageRow[];
}

type Stored = { message: MessageRow } | { error: unknown };
type TenantSend = SendRequest & { tenantId: string };
const committers = new WeakMap<object, (send: TenantSend) => Promise<Stored>>();

/**
 * API sends that arrive together are checked together (one query for their contacts, one for
 * their windows) and stored by one transaction with their dispatch job (group commit): each
 * request still answers only after its message and job are committed. A send the checks refuse
 * fails alone; if the shared transaction fails, each message is retried in its own, so one
 * request's conflict (an Idempotency-Key race) fails only that request.
 */
function outboundCommitter(services: Services) {
  let commit = committers.get(services);
  if (!commit) {
    const { db } = services.database;
    const alone = (values: OutboundValues): Promise<Stored> =>
      db
        .transaction((tx) => queueOutboundBatch(tx, services, [values]))
        .then(
          ([message]) => ({ message: message! }),
          (error: unknown) => ({ error }),
        );
    commit = groupCommit<TenantSend, Stored>(
      async (batch) => {
        const results: Stored[] = new Array(batch.length);
        const ready: { index: number; values: OutboundValues }[] = [];
        for (const tenantId of new Set(batch.map((send) => send.tenantId))) {
          const indexes = batch.flatMap((send, i) => (send.tenantId === tenantId ? [i] : []));
          const prepared = await prepareSends(
            services,
            tenantId,
            indexes.map((i) => batch[i]!),
          );
          for (const [n, values] of prepared.entries()) {
            if (values instanceof Error) results[indexes[n]!] = { error: values };
            else ready.push({ index: indexes[n]!, values });
          }
        }
        if (ready.length === 1) results[ready[0]!.index] = await alone(ready[0]!.values);
        else if (ready.length > 1) {
          try {
            const rows = await db.transaction((tx) =>
              queueOutboundBatch(
                tx,
                services,
                ready.map((entry) => entry.values),
              ),
            );
            for (const [n, message] of rows.entries()) results[ready[n]!.index] = { message };
          } catch {
            const each = await Promise.all(ready.map((entry) => alone(entry.values)));
            for (const [n, stored] of each.entries()) results[ready[n]!.index] = stored;
          }
        }
        return results;
      },
      // Few flushes at a time (PGlite runs one statement at a time anyway): sends that arrive meanwhile
      // make the next flush bigger, so fewer round trips each.
      services.database.kind === "pglite"
        ? { maxBatch: 500, maxConcurrent: 1, deferFlush: true }
        : { maxBatch: 500, maxConcurrent: 2 },
    );
    committers.set(services, commit);
  }
  return commit;
}

export function requestHash(input: SendMessageInput): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

async function findByIdempotencyKey(services: Services, tenantId: string, key: string) {
  const [row] = await services.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.idempotencyKey, key)));
  return row;
}

export function replayOrRefuse(row: MessageRow, hash: string): { message: MessageRow; replayed: true } {
  if (row.requestHash !== hash) {
    throw unprocessable(
      "idempotency_key_reused",
      "This Idempotency-Key was used with a different request body; use a new key for a new message",
    );
  }
  return { message: row, replayed: true };
}

/**
 * Accepts a message: validates, applies the rules, and stores it with its dispatch job in one
 * transaction, so a message exists if and only if it will be dispatched.
 */
export async function acceptMessage(
  services: Services,
  tenantId: string,
  input: SendMessageInput,
  idempotencyKey?: string,
): Promise<{ message: MessageRow; replayed: boolean }> {
  const hash = requestHash(input);
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(services, tenantId, idempotencyKey);
    if (existing) return replayOrRefuse(existing, hash);
  }
  try {
    const stored = await outboundCommitter(services)({ tenantId, input, key: idempotencyKey, hash });
    if ("error" in stored) throw stored.error;
    return { message: stored.message, replayed: false };
  } catch (error) {
    // Two requests with one key raced: the loser answers with the winner's message.
    if (idempotencyKey && isUniqueViolation(error)) {
      const existing = await findByIdempotencyKey(services, tenantId, idempotencyKey);
      if (existing) return replayOrRefuse(existing, hash);
    }
    throw error;
  }
}
