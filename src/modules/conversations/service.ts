import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { type Conversation, conversations } from "./schema.ts";

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
 * Upserts the conversations of a batch of messages in one statement and answers their ids by
 * conversationKey. Timestamps only move forward (late or repeated messages change nothing
 * backwards); each inbound message adds one unread and reopens a closed conversation. Rows are
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
  const rows = await tx
    .insert(conversations)
    .values(values)
    .onConflictDoUpdate({
      target: [conversations.phoneNumberId, conversations.contactId],
      set: {
        lastMessagePreview: sql`case when excluded.last_message_at >= ${conversations.lastMessageAt} then excluded.last_message_preview else ${conversations.lastMessagePreview} end`,
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, excluded.last_message_at)`,
        // greatest() ignores nulls: a batch without inbound messages keeps the stored time.
        lastInboundAt: sql`greatest(${conversations.lastInboundAt}, excluded.last_inbound_at)`,
        lastOutboundAt: sql`greatest(${conversations.lastOutboundAt}, excluded.last_outbound_at)`,
        unreadCount: sql`${conversations.unreadCount} + excluded.unread_count`,
        status: sql`case when excluded.unread_count > 0 then 'open' else ${conversations.status} end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({
      id: conversations.id,
      phoneNumberId: conversations.phoneNumberId,
      contactId: conversations.contactId,
    });
  return new Map(rows.map((row) => [conversationKey(row.phoneNumberId, row.contactId), row.id]));
}

function latest(a: Date | null | undefined, b: Date): Date {
  return a && a > b ? a : b;
}

export type { Conversation };
