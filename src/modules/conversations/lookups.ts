import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { conversations } from "./schema.ts";

/** Who holds these conversations and when they were opened, first answered and resolved (for analytics). */
export async function conversationTimings(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: conversations.id,
      tenantId: conversations.tenantId,
      phoneNumberId: conversations.phoneNumberId,
      assigneeId: conversations.assigneeId,
      openedAt: conversations.openedAt,
      firstResponseAt: conversations.firstResponseAt,
      resolvedAt: conversations.resolvedAt,
    })
    .from(conversations)
    .where(inArray(conversations.id, [...new Set(ids)]));
}

/** A tenant's inbox load now: open conversations, those unassigned, and the longest wait in seconds. */
export async function inboxLoad(db: Executor, tenantId: string) {
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null)::int`,
      oldestWaitingSeconds: sql<
        number | null
      >`floor(extract(epoch from now() - min(${conversations.waitingSince})))::int`,
    })
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.status, "open")));
  return row ?? { open: 0, unassigned: 0, oldestWaitingSeconds: null };
}
