import { and, inArray, isNull } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { emit } from "../../events/index.ts";
import { messageEvent } from "./events.ts";
import { messages } from "./schema.ts";

/** The error a message gets when every dispatch attempt of its job failed. */
export const DISPATCH_EXHAUSTED = {
  code: 0,
  title: "dispatch_exhausted",
  message:
    "Charla could not hand the message to WhatsApp: every dispatch attempt failed (the Cloud API was unreachable or kept answering with transient errors)",
};

/**
 * A dispatch job that used up its retries lands in the dead-letter queue: its messages that are
 * still unsent are marked failed (with a message.failed event), so nothing stays "queued" forever
 * without anyone knowing. Messages sent meanwhile (by another job) are left as they are.
 */
export async function failExhaustedDispatch(services: Services, messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  return services.database.db.transaction(async (tx) => {
    const now = new Date();
    const failed = await tx
      .update(messages)
      .set({ status: "failed", error: DISPATCH_EXHAUSTED, failedAt: now, updatedAt: now })
      .where(
        and(
          inArray(messages.id, messageIds),
          inArray(messages.status, ["queued", "dispatching"]),
          isNull(messages.wamid),
        ),
      )
      .returning();
    await emit(
      { boss: services.boss, tx },
      failed.map((message) => messageEvent(message, "message.failed")),
    );
    return failed.length;
  });
}
