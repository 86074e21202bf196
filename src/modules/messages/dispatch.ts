import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { emit } from "../../events/index.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import type { OutboundMessage } from "../../whatsapp/types.ts";
import { contactSummaries } from "../contacts/index.ts";
import { accountToken, numbersByIds, takeSendTokens } from "../numbers/index.ts";
import { messageEvent } from "./events.ts";
import { mapLimit } from "./map-limit.ts";
import { messages } from "./schema.ts";

/** Messages sent at once per number while tokens allow (the undici pool keeps them on warm connections). */
const MAX_IN_FLIGHT = 64;
/** Messages per token request, claim and result write (each one statement for the whole chunk). */
const CHUNK = 256;
/** A number's chunks in flight at once (the dispatch workers of a process are two, not one per chunk). */
const CHUNKS_AT_ONCE = 4;
/** Numbers one dispatch batch sends from at once (each with up to MAX_IN_FLIGHT calls a chunk). */
const NUMBERS_AT_ONCE = 8;

export class DispatchIncompleteError extends Error {
  readonly pending: number;
  constructor(pending: number) {
    super(`${pending} message(s) could not be handed to the Cloud API yet; the job will retry`);
    this.pending = pending;
  }
}

type Outcome =
  | { kind: "accepted"; id: string; wamid: string }
  | { kind: "done" }
  | { kind: "retry"; id?: string; code?: number | null };

/** What dispatch reads of a message (not its whole row: each column costs its mapping). */
const dispatchColumns = {
  id: messages.id,
  tenantId: messages.tenantId,
  phoneNumberId: messages.phoneNumberId,
  contactId: messages.contactId,
  status: messages.status,
  content: messages.content,
  dispatchStartedAt: messages.dispatchStartedAt,
};
type DispatchMessage = { [K in keyof typeof dispatchColumns]: (typeof messages.$inferSelect)[K] };

/** The messages still to send, each with its number and its contact's address. */
async function dispatchable(services: Services, messageIds: string[]) {
  const { db } = services.database;
  const found: DispatchMessage[] = await db
    .select(dispatchColumns)
    .from(messages)
    .where(
      and(
        inArray(messages.id, messageIds),
        inArray(messages.status, ["queued", "dispatching"]),
        isNull(messages.wamid),
      ),
    );
  const numbers = await numbersByIds(
    db,
    found.map((message) => message.phoneNumberId),
  );
  const contacts = await contactSummaries(
    db,
    found.map((message) => message.contactId),
  );
  return found.flatMap((message) => {
    const number = numbers.get(message.phoneNumberId);
    const contact = contacts.get(message.contactId);
    return number && contact
      ? [{ message, number, contact: { waId: contact.waId, phone: contact.phone, userId: contact.userId } }]
      : [];
  });
}

/**
 * Hands a batch of queued messages to the Cloud API. Safe to run again for the same ids: a
 * message is only sent from "queued", or from "dispatching" (a previous attempt died with the
 * outcome unknown) once the reconcile period has passed without Meta's webhooks naming it.
 */
export async function dispatchMessages(services: Services, messageIds: string[]): Promise<void> {
  const rows = await dispatchable(services, messageIds);

  const reconcileMs = services.config.DISPATCH_RECONCILE_SECONDS * 1000;
  let pending = 0;
  const byNumber = new Map<string, typeof rows>();
  for (const row of rows) {
    const started = row.message.dispatchStartedAt?.getTime() ?? 0;
    if (row.message.status === "dispatching" && Date.now() - started < reconcileMs) {
      // Unknown outcome: Meta may have it. Its status webhook (carrying our id) would link it; wait for that.
      pending++;
      continue;
    }
    const list = byNumber.get(row.number.id) ?? [];
    list.push(row);
    byNumber.set(row.number.id, list);
  }

  // Numbers are sent from side by side: one waiting for its tokens holds back no other.
  const left = await mapLimit([...byNumber.values()], NUMBERS_AT_ONCE, (list) =>
    dispatchFromNumber(services, list, reconcileMs),
  );
  pending += left.reduce((sum, count) => sum + count, 0);
  if (pending > 0) throw new DispatchIncompleteError(pending);
}

/** Sends one number's messages as its tokens allow; returns how many are left to a retry. */
async function dispatchFromNumber(
  services: Services,
  list: Awaited<ReturnType<typeof dispatchable>>,
  reconcileMs: number,
): Promise<number> {
  const { db } = services.database;
  const number = list[0]!.number;
  const { accessToken } = await accountToken(services, number.accountId);
  const client = services.graph.client(accessToken);
  const sendSlice = async (slice: typeof list) => {
    // Claim, committed before the calls: if this process dies during them, the next attempt
    // knows the outcome is unknown. A message another worker claimed meanwhile is left to it.
    const claimed = await claimForDispatch(
      services,
      slice.map((row) => row.message.id),
      reconcileMs,
    );
    const toSend = slice.filter((row) => claimed.has(row.message.id));
    const outcomes = await mapLimit(toSend, MAX_IN_FLIGHT, (row) =>
      sendOne(services, client, number.phoneNumberId, row.message, addressOf(row.contact))
        // Recording a failure failed: leave the message to reconcile, and still record the others.
        .catch((): Outcome => ({ kind: "retry" })),
    );
    const accepted = [...held.splice(0), ...outcomes.filter((outcome) => outcome.kind === "accepted")];
    held.push(...(await recordAccepted(services, accepted, { skipLocked: true })));
    await reportRetried(services, list[0]!.message.tenantId, outcomes);
    return outcomes.filter((outcome) => outcome.kind === "retry").length;
  };
  // Wamids whose rows ingest held when their chunk wrote (see recordAccepted): the next chunk's
  // write takes them again, and what is left is written, waiting for ingest, once the lanes are done.
  const held: { id: string; wamid: string }[] = [];
  // Chunks go side by side, each taking its tokens from the number's bucket (shared with every
  // worker), so the tier is never exceeded; a chunk is reserved before its tokens are asked for,
  // so no token is taken for a message another chunk sends.
  let pending = 0;
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const end = Math.min(list.length, next + CHUNK);
      let at = next;
      next = end;
      while (at < end) {
        const { granted, waitMs } = await takeSendTokens(db, number.id, number.throughputPerSecond, end - at);
        if (granted === 0) {
          await new Promise((resolve) => setTimeout(resolve, Math.max(5, waitMs)));
          continue;
        }
        const slice = list.slice(at, at + granted);
        at += granted;
        pending += await sendSlice(slice);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHUNKS_AT_ONCE, Math.ceil(list.length / CHUNK)) }, lane));
  await recordAccepted(services, held);
  return pending;
}

/** Meta's retryable refusals of a chunk, one event per code (campaigns count them). */
async function reportRetried(services: Services, tenantId: string, outcomes: Outcome[]) {
  const byCode = new Map<number, string[]>();
  for (const outcome of outcomes)
    if (outcome.kind === "retry" && outcome.id && outcome.code)
      byCode.set(outcome.code, [...(byCode.get(outcome.code) ?? []), outcome.id]);
  if (byCode.size === 0) return;
  const events = [...byCode].map(([code, messageIds]) => ({
    type: "dispatch.retried" as const,
    tenantId,
    data: { code, messageIds },
  }));
  await services.database.db.transaction((tx) => emit({ boss: services.boss, tx }, events));
}

/** Moves the messages still sendable to "dispatching" in one statement; returns the ids it took. */
async function claimForDispatch(
  services: Services,
  ids: string[],
  reconcileMs: number,
): Promise<Set<string>> {
  const now = new Date();
  const stale = new Date(now.getTime() - reconcileMs);
  const claimed = await services.database.db
    .update(messages)
    .set({
      status: "dispatching",
      dispatchAttempts: sql`${messages.dispatchAttempts} + 1`,
      dispatchStartedAt: now,
      updatedAt: now,
    })
    .where(
      and(
        inArray(messages.id, ids),
        isNull(messages.wamid),
        sql`(${messages.status} = 'queued' or (${messages.status} = 'dispatching' and coalesce(${messages.dispatchStartedAt}, '-infinity') <= ${stale.toISOString()}::timestamptz))`,
      ),
    )
    .returning({ id: messages.id });
  return new Set(claimed.map((row) => row.id));
}

/**
 * Stores the wamids Meta answered with, for a whole chunk in one statement. Meta's status webhooks
 * often come before the chunk's last answer: ingest then links them by our id and holds those rows
 * locked until its batch (and its subscribers) commit, with the wamid in hand. With `skipLocked`
 * such rows are left out and returned, so the chunk's sends do not wait for ingest; the caller
 * writes them again without it (after ingest's commit that write changes only accepted_at). Until
 * the wamid is written, by either, the message stays "dispatching", so it is never sent again
 * before the reconcile period.
 */
async function recordAccepted(
  services: Services,
  accepted: { id: string; wamid: string }[],
  options: { skipLocked?: boolean } = {},
): Promise<{ id: string; wamid: string }[]> {
  if (accepted.length === 0) return [];
  const now = new Date().toISOString();
  const values = JSON.stringify(accepted.map(({ id, wamid }) => ({ id, wamid })));
  // Rows locked in id order, as ingest locks them: a write that waits never waits in a cycle.
  const result = await services.database.db.execute(sql`
    with v as (select * from jsonb_to_recordset(${values}::jsonb) as v(id uuid, wamid text)),
    locked as (
      select m.id from messages m where m.id in (select id from v) order by m.id
      for no key update ${options.skipLocked ? sql.raw("skip locked") : sql.empty()}
    )
    update messages m set
      wamid = coalesce(m.wamid, v.wamid),
      status = case when m.status = 'dispatching' then 'accepted' else m.status end,
      accepted_at = ${now}::timestamptz,
      updated_at = ${now}::timestamptz
    from v
    where m.id = v.id and m.id in (select id from locked)
    returning m.id`);
  const written = new Set((result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id));
  return accepted.filter(({ id }) => !written.has(id));
}

/**
 * Where Meta sends it: the wa_id or phone, or for a contact known only by its business-scoped user
 * id (a username adopter, no phone), `recipient` with that id (Meta's 2026 rule).
 */
function addressOf(contact: { waId: string | null; phone: string | null; userId: string | null }) {
  const to = contact.waId ?? contact.phone;
  if (to !== null) return { to };
  return { recipient: contact.userId ?? "" };
}

async function sendOne(
  services: Services,
  client: ReturnType<Services["graph"]["client"]>,
  metaNumberId: string,
  message: DispatchMessage,
  address: { to: string } | { recipient: string },
): Promise<Outcome> {
  const { db } = services.database;
  const body = {
    ...message.content,
    ...address,
    biz_opaque_callback_data: message.id,
  } as unknown as OutboundMessage;
  try {
    const response = await client.sendMessage(metaNumberId, body);
    const wamid = response.messages[0]?.id;
    if (!wamid) throw new Error("Cloud API answered without a message id");
    return { kind: "accepted", id: message.id, wamid };
  } catch (error) {
    if (error instanceof WhatsAppApiError && !error.retryable) {
      const failure = {
        code: error.code ?? 0,
        title: error.type,
        message: error.message,
        details: error.details,
      };
      await db.transaction(async (tx) => {
        const [failed] = await tx
          .update(messages)
          .set({ status: "failed", error: failure, failedAt: new Date(), updatedAt: new Date() })
          .where(and(eq(messages.id, message.id), eq(messages.status, "dispatching")))
          .returning();
        if (failed) await emit({ boss: services.boss, tx }, messageEvent(failed, "message.failed"));
      });
      return { kind: "done" };
    }
    if (error instanceof WhatsAppApiError) {
      // Meta answered with a transient error: it did not take the message, so sending again is safe.
      await db
        .update(messages)
        .set({ status: "queued", updatedAt: new Date() })
        .where(and(eq(messages.id, message.id), eq(messages.status, "dispatching")));
      return { kind: "retry", id: message.id, code: error.code };
    }
    // Anything else (timeout, connection reset): the outcome is unknown; stay "dispatching" and reconcile.
    return { kind: "retry" };
  }
}
