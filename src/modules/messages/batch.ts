import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Services } from "../../app/services.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { AppError, type ProblemDetails, problem } from "../../lib/problem.ts";
import { prepareSends } from "./checks.ts";
import { type MessageView, messageView } from "./events.ts";
import { type SendMessageInput, sendMessageBody } from "./input.ts";
import { messages } from "./schema.ts";
import {
  type MessageRow,
  type OutboundValues,
  queueOutboundBatch,
  replayOrRefuse,
  requestHash,
} from "./send.ts";

/** Messages one POST /v1/messages/batch may carry. */
export const MAX_BATCH = 1_000;

const idempotencyKey = z.string().min(1).max(200).optional();

/** One item of a batch: a POST /v1/messages body and, optionally, its own Idempotency-Key. */
export const batchItemBody = z.intersection(
  sendMessageBody,
  z.object({
    idempotencyKey: idempotencyKey.describe("this item's Idempotency-Key (per tenant, as the header's)"),
  }),
);

/** What the route validates itself: the envelope; each item is checked on its own so it gets its own problem. */
export const batchEnvelope = z.object({ messages: z.array(z.unknown()).min(1).max(MAX_BATCH) });

/** One result per item, in the order given: 202 stored, 200 replayed (same key, same body), else its problem. */
export type BatchResult = { status: number; message?: MessageView; problem?: ProblemDetails };

type Checked = { index: number; input: SendMessageInput; key: string | undefined; hash: string };
type Item = { index: number; done: BatchResult } | Checked;

function problemOf(error: unknown): ProblemDetails {
  if (error instanceof AppError) return problem(error.status, error.code, error.message, error.extensions);
  return problem(500, "internal_error", "Something went wrong on our side; send this message again");
}

const failure = (error: unknown): BatchResult => {
  const details = problemOf(error);
  return { status: details.status, problem: details };
};

function parseItem(raw: unknown, index: number): Item {
  const input = sendMessageBody.safeParse(raw);
  const key = idempotencyKey.safeParse((raw as { idempotencyKey?: unknown } | null)?.idempotencyKey);
  if (input.success && key.success)
    return { index, input: input.data, key: key.data, hash: requestHash(input.data) };
  const issues = [
    ...(input.success ? [] : input.error.issues),
    ...(key.success ? [] : key.error.issues.map((issue) => ({ ...issue, path: ["idempotencyKey"] }))),
  ];
  const errors = issues.map((issue) => ({
    path: ["body", "messages", index, ...issue.path].join("."),
    code: issue.code,
    message: issue.message,
  }));
  const details = problem(400, "validation_failed", `Message ${index} is not valid`, { errors });
  return { index, done: { status: 400, problem: details } };
}

/** The tenant's messages stored under these keys, by key (one query). */
async function messagesByKeys(services: Services, tenantId: string, keys: string[]) {
  if (keys.length === 0) return new Map<string, MessageRow>();
  const rows = await services.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), inArray(messages.idempotencyKey, keys)));
  return new Map(rows.map((row) => [row.idempotencyKey!, row]));
}

function replayResult(row: MessageRow, hash: string): BatchResult {
  try {
    return { status: 200, message: messageView(replayOrRefuse(row, hash).message) };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Stores the checked messages with their dispatch jobs in ONE transaction. If it fails (a key
 * another request took meanwhile, a balance that runs out part-way), each is stored in its own
 * transaction with its own job instead, so every item still gets its own answer.
 */
async function store(
  services: Services,
  tenantId: string,
  ready: { item: Checked; values: OutboundValues }[],
  results: BatchResult[],
  stored: Map<number, MessageRow>,
) {
  const { db } = services.database;
  const accepted = (item: Checked, row: MessageRow) => {
    results[item.index] = { status: 202, message: messageView(row) };
    stored.set(item.index, row);
  };
  try {
    const rows = await db.transaction((tx) =>
      queueOutboundBatch(
        tx,
        services,
        ready.map((entry) => entry.values),
      ),
    );
    for (const [i, row] of rows.entries()) accepted(ready[i]!.item, row);
    return;
  } catch {}
  for (const { item, values } of ready) {
    try {
      const [row] = await db.transaction((tx) => queueOutboundBatch(tx, services, [values]));
      accepted(item, row!);
    } catch (error) {
      const raced =
        item.key && isUniqueViolation(error) ? await messagesByKeys(services, tenantId, [item.key]) : null;
      const row = item.key ? raced?.get(item.key) : undefined;
      if (row) stored.set(item.index, row);
      results[item.index] = row ? replayResult(row, item.hash) : failure(error);
    }
  }
}

/**
 * Accepts up to MAX_BATCH messages: each is checked by the rules of POST /v1/messages (and its
 * own Idempotency-Key), and those that pass are stored with their dispatch jobs in one transaction.
 */
export async function acceptMessageBatch(
  services: Services,
  tenantId: string,
  raw: unknown[],
): Promise<BatchResult[]> {
  const results = new Array<BatchResult>(raw.length);
  const items = raw.map(parseItem);
  const keyed = items.flatMap((item) => ("input" in item && item.key ? [item.key] : []));
  const existing = await messagesByKeys(services, tenantId, [...new Set(keyed)]);
  const firstWithKey = new Map<string, Checked>();
  const toCheck: Checked[] = [];
  const repeats: Checked[] = [];
  for (const item of items) {
    if ("done" in item) results[item.index] = item.done;
    else if (item.key && existing.has(item.key))
      results[item.index] = replayResult(existing.get(item.key)!, item.hash);
    else if (item.key && firstWithKey.has(item.key)) repeats.push(item);
    else {
      if (item.key) firstWithKey.set(item.key, item);
      toCheck.push(item);
    }
  }
  const prepared = await prepareSends(services, tenantId, toCheck);
  const ready: { item: Checked; values: OutboundValues }[] = [];
  for (const [n, values] of prepared.entries()) {
    const item = toCheck[n]!;
    if (values instanceof Error) results[item.index] = failure(values);
    else ready.push({ item, values });
  }
  const stored = new Map<number, MessageRow>();
  if (ready.length) await store(services, tenantId, ready, results, stored);
  // A key repeated within the batch: a replay of the first item's message (or its refusal).
  for (const item of repeats) {
    const first = firstWithKey.get(item.key!)!;
    const row = stored.get(first.index);
    results[item.index] = row ? replayResult(row, item.hash) : results[first.index]!;
  }
  return results;
}
