import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { enqueue } from "../../jobs/queue.ts";
import { unprocessable } from "../../lib/problem.ts";
import { type BillableSend, reserveForMessages } from "../billing/index.ts";
import {
  BSUID_PATTERN,
  type Contact,
  findContactByPhone,
  findContactByUserId,
  isOptedIn,
  isOptedOut,
  toE164,
  upsertContact,
  windowExpiresAt,
  windowOpen,
} from "../contacts/index.ts";
import {
  type Conversation,
  conversationKey,
  conversationWindow,
  indexOutbound,
  messagePreview,
  touchConversations,
} from "../conversations/index.ts";
import { assertNotificationsEnabled, type PhoneNumberRow, senderNumber } from "../numbers/index.ts";
import { templateForSend } from "../templates/index.ts";
import { groupCommit } from "./group-commit.ts";
import type { SendMessageInput } from "./input.ts";
import { DISPATCH_QUEUE } from "./queues.ts";
import { messageIdempotencyKeys, messages } from "./schema.ts";

export type MessageRow = typeof messages.$inferSelect;
/**
 * A message to store; `preview` (else one made from the content) goes to its conversation;
 * `billing` (the recipient's phone and window) has billing reserve its price in the same transaction.
 */
type OutboundValues = Omit<typeof messages.$inferInsert, "direction" | "status" | "conversationId"> & {
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
  const rows = await tx.insert(messages).values(withIds).returning();
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
  await enqueue({ boss: services.boss, tx }, DISPATCH_QUEUE, {
    messageIds: withIds.map((value) => value.id),
  });
  return ordered as MessageRow[];
}

type Stored = { message: MessageRow } | { error: unknown };
const committers = new WeakMap<object, (values: OutboundValues) => Promise<Stored>>();

/**
 * API sends that arrive together are stored by one transaction with one dispatch job (group
 * commit): each request still answers only after its message and job are committed. If the
 * shared transaction fails, each message is retried in its own, so one request's conflict (an
 * Idempotency-Key race) fails only that request.
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
    commit = groupCommit<OutboundValues, Stored>(
      async (batch) => {
        if (batch.length === 1) return [await alone(batch[0]!)];
        try {
          const rows = await db.transaction((tx) => queueOutboundBatch(tx, services, batch));
          return rows.map((message) => ({ message }));
        } catch {
          return Promise.all(batch.map(alone));
        }
      },
      { maxBatch: 200, maxConcurrent: 4 },
    );
    committers.set(services, commit);
  }
  return commit;
}

/**
 * The sending number (as senderNumber picks it), the contact `to` names and their conversation's
 * window. `to` is a phone, or the business-scoped user id of a contact who wrote in without one
 * (Meta never tells a business a username adopter's phone); an unknown user id is refused.
 */
async function numberAndContact(
  services: Services,
  tenantId: string,
  from: string | undefined,
  to: string,
): Promise<{
  number: PhoneNumberRow;
  contact: Contact;
  conversation: Pick<Conversation, "lastInboundAt"> | null;
}> {
  const { db } = services.database;
  const number = await senderNumber(db, tenantId, from);
  let contact: Contact | undefined;
  if (BSUID_PATTERN.test(to)) {
    contact = await findContactByUserId(db, tenantId, to);
    if (!contact)
      throw unprocessable(
        "contact_not_found",
        `No contact has the business-scoped user id ${to}; a user id is known once the user wrote in`,
      );
  } else {
    const phone = toE164(to);
    contact =
      (await findContactByPhone(db, tenantId, phone)) ?? (await upsertContact(db, tenantId, { phone }));
  }
  const conversation = await conversationWindow(db, number.id, contact.id);
  return { number, contact, conversation };
}

function requestHash(input: SendMessageInput): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

async function findByIdempotencyKey(services: Services, tenantId: string, key: string) {
  const [row] = await services.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.idempotencyKey, key)));
  return row;
}

function replayOrRefuse(row: MessageRow, hash: string): { message: MessageRow; replayed: true } {
  if (row.requestHash !== hash) {
    throw unprocessable(
      "idempotency_key_reused",
      "This Idempotency-Key was used with a different request body; use a new key for a new message",
    );
  }
  return { message: row, replayed: true };
}

/**
 * The business-initiated and customer-service rules Meta's policy and the contact's consent
 * impose. The window is the conversation's: Meta keeps one per business number and user.
 */
function checkRules(
  contact: Contact,
  conversation: Pick<Conversation, "lastInboundAt"> | null,
  input: SendMessageInput,
  category: string | null,
) {
  if (input.type === "template") {
    if (isOptedOut(contact) && category === "MARKETING") {
      throw unprocessable(
        "contact_opted_out",
        "The contact opted out; marketing messages are never sent to them",
      );
    }
    if (!isOptedIn(contact)) {
      throw unprocessable(
        "consent_required",
        isOptedOut(contact)
          ? "The contact opted out; record a new opt-in before messaging them"
          : "No opt-in is recorded for this contact; record one (POST /v1/contacts with optIn) before sending",
      );
    }
    return;
  }
  const window = conversation ?? { lastInboundAt: null };
  if (!windowOpen(window)) {
    const expired = windowExpiresAt(window);
    throw unprocessable(
      "window_closed",
      expired
        ? `The 24-hour customer service window closed at ${expired.toISOString()}; send an approved template instead`
        : "The contact has never written to this number; start the conversation with an approved template",
    );
  }
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
  const found = await numberAndContact(services, tenantId, input.from, input.to);
  const { number, contact } = found;

  let content: Record<string, unknown>;
  let templateId: string | null = null;
  let category: string | null = null;
  let preview: string | undefined;
  if (input.type === "template") {
    await assertNotificationsEnabled(services.database.db, number.accountId);
    const rendered = await templateForSend(services.database.db, tenantId, number.accountId, input.template);
    content = { type: "template", ...rendered.body };
    preview = rendered.preview;
    templateId = rendered.template.id;
    category = rendered.template.category;
  } else {
    const { to: _to, from: _from, replyTo: _reply, ...body } = input;
    content = body;
    category = "SERVICE";
  }
  checkRules(contact, found.conversation, input, category);
  if (input.replyTo) content.context = { message_id: input.replyTo };

  try {
    const stored = await outboundCommitter(services)({
      tenantId,
      phoneNumberId: number.id,
      contactId: contact.id,
      type: input.type,
      content,
      templateId,
      category: category?.toLowerCase() ?? null,
      replyToWamid: input.replyTo ?? null,
      idempotencyKey: idempotencyKey ?? null,
      requestHash: hash,
      preview,
      billing: {
        phone: contact.phone,
        windowOpen: windowOpen(found.conversation ?? { lastInboundAt: null }),
      },
    });
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
