import { inArray, sql } from "drizzle-orm";
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

/** A tap on a satisfaction survey's button answers it; it does not reopen the conversation. */
function answersSurvey(event: MessageEvent): boolean {
  const content = event.data.content as {
    interactive?: { button_reply?: { id?: string } };
    button?: { payload?: string };
  };
  return (content.interactive?.button_reply?.id ?? content.button?.payload ?? "").startsWith("csat:");
}

/**
 * Customers' messages: each conversation remembers its last one (read receipts, typing), waits for
 * an answer (first-response SLA), opens again if it was pending, snoozed or resolved, and is routed
 * when unassigned. One UPDATE for the whole batch; a conversation with several messages counts once.
 */
async function onInbound(context: TxContext, events: MessageEvent[]) {
  const last = new Map<string, MessageEvent>();
  const reopening = new Set<string>();
  for (const event of events) {
    const id = event.data.conversationId;
    if (!id) continue;
    last.set(id, event);
    if (!answersSurvey(event)) reopening.add(id);
  }
  if (last.size === 0) return;
  const wamidOf = sql.join(
    [...last].map(([id, event]) => sql`when ${id}::uuid then ${event.data.wamid}`),
    sql` `,
  );
  const rows = await context.tx
    .update(conversations)
    .set({
      lastInboundWamid: sql`case ${conversations.id} ${wamidOf} end`,
      waitingSince: sql`coalesce(${conversations.waitingSince}, now())`,
    })
    .where(inArray(conversations.id, [...last.keys()]))
    .returning();
  for (const row of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!reopening.has(row.id)) continue;
    const opened =
      row.status === "open"
        ? row
        : await applyStatus(context, row, { to: "open", reason: "inbound_message" }, { kind: "system" });
    await autoAssign(context, opened, textOf(last.get(row.id)!) ?? "");
  }
}

export const inboxSubscriber: EventSubscriber = {
  name: "conversations.inbox",
  async handle(context, events) {
    const messages = events.filter(isMessage);
    if (messages.length === 0) return;
    await indexInbound(context, messages);
    await onInbound(context, messages);
  },
};
