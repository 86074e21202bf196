import { eq, sql } from "drizzle-orm";
import type { DomainEvent, EventOf, EventSubscriber } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { autoAssign } from "./auto-assign.ts";
import { applyStatus } from "./lifecycle.ts";
import { messageText } from "./preview.ts";
import { conversations } from "./schema.ts";
import { indexMessageWords } from "./search.ts";

type MessageEvent = EventOf<"message.received">;

const isMessage = (event: DomainEvent): event is MessageEvent => event.type === "message.received";

const textOf = (event: MessageEvent) =>
  messageText(event.data.type, event.data.content as Record<string, unknown>);

/** Indexes the words of customers' messages for full-text search. */
async function indexInbound(context: TxContext, events: MessageEvent[]) {
  await indexMessageWords(
    context.tx,
    events.flatMap((event) => {
      const text = textOf(event);
      const conversationId = event.data.conversationId;
      return text && conversationId
        ? [{ messageId: event.data.id, tenantId: event.tenantId, conversationId, text }]
        : [];
    }),
  );
}

/**
 * A customer's message: the conversation remembers it (read receipts, typing), waits for an answer
 * (first-response SLA), opens again if it was pending, snoozed or resolved, and is routed when unassigned.
 */
async function onInbound(context: TxContext, event: EventOf<"message.received">) {
  const id = event.data.conversationId;
  if (!id) return;
  const [row] = await context.tx
    .update(conversations)
    .set({
      lastInboundWamid: event.data.wamid,
      waitingSince: sql`coalesce(${conversations.waitingSince}, now())`,
    })
    .where(eq(conversations.id, id))
    .returning();
  if (!row) return;
  // A tap on a satisfaction survey's button answers it; it does not reopen the conversation.
  const content = event.data.content as { interactive?: { button_reply?: { id?: string } } };
  if (content.interactive?.button_reply?.id?.startsWith("csat:")) return;
  const opened =
    row.status === "open"
      ? row
      : await applyStatus(context, row, { to: "open", reason: "inbound_message" }, { kind: "system" });
  await autoAssign(context, opened, textOf(event) ?? "");
}

export const inboxSubscriber: EventSubscriber = {
  name: "conversations.inbox",
  async handle(context, events) {
    const messages = events.filter(isMessage);
    if (messages.length === 0) return;
    await indexInbound(context, messages);
    for (const event of messages) await onInbound(context, event);
  },
};
