import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { decodeCursor, paginate } from "../../lib/cursor.ts";
import { notFound } from "../../lib/problem.ts";
import { messageView } from "./events.ts";
import { media, type messageStatuses, messages } from "./schema.ts";

/** Rows after the cursor (createdAt|id of the last row seen) in newest-first order. */
function afterCursor(cursor: string): SQL {
  const { at, id } = decodeCursor(cursor);
  return or(lt(messages.createdAt, at), and(eq(messages.createdAt, at), lt(messages.id, id)))!;
}

/** One of the tenant's messages as the API shows it; another tenant's is not found. */
export async function getMessage(db: Executor, tenantId: string, id: string) {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)));
  if (!message) throw notFound("Message", "message_not_found");
  return messageView(message);
}

/** A media file a contact sent, kept by Charla; another tenant's is not found. */
export async function getMedia(db: Executor, tenantId: string, id: string) {
  const [file] = await db
    .select()
    .from(media)
    .where(and(eq(media.tenantId, tenantId), eq(media.id, id)));
  if (!file) throw notFound("Media", "media_not_found");
  return file;
}

export interface MessageQuery {
  status?: (typeof messageStatuses)[number] | undefined;
  direction?: "outbound" | "inbound" | undefined;
  contactId?: string | undefined;
  conversationId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The tenant's messages, newest first, filtered, with cursor pagination. */
export async function listMessages(db: Executor, tenantId: string, query: MessageQuery) {
  const { status, direction, contactId, conversationId, limit, cursor } = query;
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        status ? eq(messages.status, status) : undefined,
        direction ? eq(messages.direction, direction) : undefined,
        contactId ? eq(messages.contactId, contactId) : undefined,
        conversationId ? eq(messages.conversationId, conversationId) : undefined,
        cursor ? afterCursor(cursor) : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
  const { data, nextCursor } = paginate(rows, limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { data: data.map(messageView), nextCursor };
}
