import { and, arrayContains, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { insertReturning } from "../../db/json-insert.ts";
import { decodeCursor, paginate } from "../../lib/cursor.ts";
import { notFound } from "../../lib/problem.ts";
import { contactSummaries, windowExpiresAt, windowOpen } from "../contacts/index.ts";
import { type Conversation, type ConversationStatus, conversations, messageSearch } from "./schema.ts";

/** A message that lands in a conversation: creates the conversation or moves it forward. */
export interface ConversationTouch {
  tenantId: string;
  phoneNumberId: string;
  contactId: string;
  direction: "inbound" | "outbound";
  /** When the message was sent (Meta's timestamp for inbound ones): the window runs from it. */
  at: Date;
  /** When it reached Charla, which orders the conversation list and picks the preview; default `at`. */
  arrivedAt?: Date;
  preview: string;
}

export const conversationKey = (phoneNumberId: string, contactId: string) => `${phoneNumberId}:${contactId}`;

/**
 * What a touch does to a conversation that exists. Timestamps only move forward (greatest() ignores
 * nulls: a batch without inbound messages keeps the stored time); the business answering means
 * nobody waits any more, and the first answer of this opening is kept.
 */
const TOUCH_CONFLICT = `on conflict ("phone_number_id", "contact_id") do update set
  "last_message_preview" = case when excluded.last_message_at >= "conversations"."last_message_at"
    then excluded.last_message_preview else "conversations"."last_message_preview" end,
  "last_message_at" = greatest("conversations"."last_message_at", excluded.last_message_at),
  "last_inbound_at" = greatest("conversations"."last_inbound_at", excluded.last_inbound_at),
  "last_outbound_at" = greatest("conversations"."last_outbound_at", excluded.last_outbound_at),
  "unread_count" = "conversations"."unread_count" + excluded.unread_count,
  "waiting_since" = case when excluded.last_outbound_at is not null then null else "conversations"."waiting_since" end,
  "first_response_at" = case when excluded.last_outbound_at is not null
    then coalesce("conversations"."first_response_at", now()) else "conversations"."first_response_at" end,
  "updated_at" = now()`;

/**
 * Upserts the conversations of a batch of messages in one statement (one JSON parameter) and answers their ids by
 * conversationKey. Timestamps only move forward (late or repeated messages change nothing
 * backwards); each inbound message adds one unread (reopening is the inbox subscriber's, on
 * message.received, so the transition is audited and emitted). Rows are
 * written in key order so concurrent batches lock them in the same order.
 */
export async function touchConversations(
  tx: Executor,
  touches: ConversationTouch[],
): Promise<Map<string, string>> {
  const merged = new Map<string, typeof conversations.$inferInsert>();
  for (const touch of touches) {
    const key = conversationKey(touch.phoneNumberId, touch.contactId);
    // Meta's inbound timestamps have whole seconds: arrival orders a reply and its answer rightly.
    const arrivedAt = touch.arrivedAt ?? touch.at;
    const row = merged.get(key) ?? {
      tenantId: touch.tenantId,
      phoneNumberId: touch.phoneNumberId,
      contactId: touch.contactId,
      lastMessageAt: arrivedAt,
      lastMessagePreview: touch.preview,
      lastInboundAt: null,
      lastOutboundAt: null,
      unreadCount: 0,
    };
    if (arrivedAt >= row.lastMessageAt) {
      row.lastMessageAt = arrivedAt;
      row.lastMessagePreview = touch.preview;
    }
    if (touch.direction === "inbound") {
      row.unreadCount = (row.unreadCount ?? 0) + 1;
      row.lastInboundAt = latest(row.lastInboundAt, touch.at);
    } else row.lastOutboundAt = latest(row.lastOutboundAt, touch.at);
    merged.set(key, row);
  }
  if (merged.size === 0) return new Map();
  const values = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  const rows = await insertReturning(tx, conversations, values, {
    onConflict: TOUCH_CONFLICT,
    returning: ["id", "phoneNumberId", "contactId"],
  });
  return new Map(rows.map((row) => [conversationKey(row.phoneNumberId, row.contactId), row.id]));
}

function latest(a: Date | null | undefined, b: Date): Date {
  return a && a > b ? a : b;
}

export type { Conversation };

/** The customer service window of a business number with a contact (null: they never wrote). */
export async function conversationWindow(
  db: Executor,
  phoneNumberId: string,
  contactId: string,
): Promise<Pick<Conversation, "lastInboundAt"> | null> {
  const [row] = await db
    .select({ lastInboundAt: conversations.lastInboundAt })
    .from(conversations)
    .where(and(eq(conversations.phoneNumberId, phoneNumberId), eq(conversations.contactId, contactId)));
  return row ?? null;
}

/** The windows of many (number, contact) pairs in one query, by conversationKey (absent: they never wrote). */
export async function conversationWindows(
  db: Executor,
  pairs: { phoneNumberId: string; contactId: string }[],
): Promise<Map<string, Pick<Conversation, "lastInboundAt">>> {
  const windows = new Map<string, Pick<Conversation, "lastInboundAt">>();
  if (pairs.length === 0) return windows;
  const wanted = new Set(pairs.map((pair) => conversationKey(pair.phoneNumberId, pair.contactId)));
  const rows = await db
    .select({
      phoneNumberId: conversations.phoneNumberId,
      contactId: conversations.contactId,
      lastInboundAt: conversations.lastInboundAt,
    })
    .from(conversations)
    .where(
      and(
        inArray(conversations.contactId, [...new Set(pairs.map((pair) => pair.contactId))]),
        inArray(conversations.phoneNumberId, [...new Set(pairs.map((pair) => pair.phoneNumberId))]),
      ),
    );
  for (const row of rows) {
    const key = conversationKey(row.phoneNumberId, row.contactId);
    if (wanted.has(key)) windows.set(key, { lastInboundAt: row.lastInboundAt });
  }
  return windows;
}

/** What the API shows of a conversation: its contact and its customer service window. */
async function conversationViews(db: Executor, rows: Conversation[]) {
  const contacts = await contactSummaries(
    db,
    rows.map((row) => row.contactId),
  );
  return rows.map(({ tenantId: _tenant, contactId, ...conversation }) => {
    const contact = contacts.get(contactId);
    return {
      ...conversation,
      contact: {
        id: contactId,
        phone: contact?.phone ?? null,
        userId: contact?.userId ?? null,
        name: contact?.name ?? null,
      },
      windowOpen: windowOpen(conversation),
      windowExpiresAt: windowExpiresAt(conversation),
    };
  });
}

export interface ConversationQuery {
  status?: ConversationStatus | undefined;
  /** A user's id, or "none" for unassigned ones. */
  assigneeId?: string | undefined;
  teamId?: string | undefined;
  label?: string | undefined;
  /** Full-text search over the messages of both sides (words, "phrases", -excluded, or). */
  q?: string | undefined;
  phoneNumberId?: string | undefined;
  contactId?: string | undefined;
  unread?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The tenant's conversations, most recent message first, with cursor pagination. */
export async function listConversations(db: Executor, tenantId: string, query: ConversationQuery) {
  const { status, phoneNumberId, contactId, unread, limit, cursor, assigneeId, teamId, label, q } = query;
  let after: SQL | undefined;
  if (cursor) {
    const { at, id } = decodeCursor(cursor);
    const ts = sql`${at.toISOString()}::timestamptz`;
    after = or(
      sql`${conversations.lastMessageAt} < ${ts}`,
      and(sql`${conversations.lastMessageAt} = ${ts}`, lt(conversations.id, id)),
    );
  }
  const rows = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, tenantId),
        status ? eq(conversations.status, status) : undefined,
        phoneNumberId ? eq(conversations.phoneNumberId, phoneNumberId) : undefined,
        contactId ? eq(conversations.contactId, contactId) : undefined,
        assigneeId === "none"
          ? isNull(conversations.assigneeId)
          : assigneeId
            ? eq(conversations.assigneeId, assigneeId)
            : undefined,
        teamId ? eq(conversations.teamId, teamId) : undefined,
        label ? arrayContains(conversations.labels, [label]) : undefined,
        q
          ? inArray(
              conversations.id,
              db
                .select({ id: messageSearch.conversationId })
                .from(messageSearch)
                .where(
                  and(
                    eq(messageSearch.tenantId, tenantId),
                    sql`${messageSearch.document} @@ websearch_to_tsquery('simple', ${q})`,
                  ),
                ),
            )
          : undefined,
        unread === undefined
          ? undefined
          : unread
            ? gt(conversations.unreadCount, 0)
            : eq(conversations.unreadCount, 0),
        after,
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit + 1);
  const { data, nextCursor } = paginate(rows, limit, (row) => ({ at: row.lastMessageAt, id: row.id }));
  return { data: await conversationViews(db, data), nextCursor };
}

/** One of the tenant's conversations; another tenant's is not found. */
export async function getConversation(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
  if (!row) throw notFound("Conversation", "conversation_not_found");
  const [view] = await conversationViews(db, [row]);
  return view!;
}
