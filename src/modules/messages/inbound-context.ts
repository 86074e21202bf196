import { and, count, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { messages } from "./schema.ts";

/** The tenant's message an inbound reply quotes (WhatsApp's context), by its wamid: what kind it was. */
export async function repliedMessage(db: Executor, tenantId: string, wamid: string) {
  const [row] = await db
    .select({
      id: messages.id,
      type: messages.type,
      direction: messages.direction,
      templateId: messages.templateId,
      phoneNumberId: messages.phoneNumberId,
      contactId: messages.contactId,
      category: messages.category,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.wamid, wamid)))
    .limit(1);
  return row ?? null;
}

/** How many messages a contact ever sent the tenant (1: the one just received is its first). */
export async function inboundCount(db: Executor, tenantId: string, contactId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.contactId, contactId),
        eq(messages.direction, "inbound"),
      ),
    );
  return row?.n ?? 0;
}
