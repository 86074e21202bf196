import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { DomainEvent, EventOf, EventSubscriber } from "../../events/index.ts";
import { enqueueMany, type TxContext } from "../../jobs/queue.ts";
import { BOT_INBOUND_QUEUE } from "./queues.ts";
import { botFlows, botSessions } from "./schema.ts";

type Content = {
  text?: { body?: string };
  interactive?: {
    button_reply?: { id?: string; title?: string };
    list_reply?: { id?: string; title?: string };
  };
  button?: { payload?: string; text?: string };
  audio?: { id?: string };
};

/** The words and the tapped reply id of an inbound message (text, reply button, list row, template button). */
export function inboundText(content: Content): { text: string; replyId?: string | undefined } {
  const reply = content.interactive?.button_reply ?? content.interactive?.list_reply;
  if (reply) return { text: reply.title ?? "", replyId: reply.id };
  if (content.button) return { text: content.button.text ?? "", replyId: content.button.payload };
  return { text: content.text?.body ?? "" };
}

/**
 * Customers' messages go to the bots as jobs, after their transaction commits (flows call out, send,
 * wait); only for tenants with a published flow, so the inbound path of the others costs one query a batch.
 */
async function onInbound(context: TxContext, events: EventOf<"message.received">[]) {
  const tenantIds = [...new Set(events.map((event) => event.tenantId))];
  const withBots = new Set(
    (
      await context.tx
        .selectDistinct({ tenantId: botFlows.tenantId })
        .from(botFlows)
        .where(and(inArray(botFlows.tenantId, tenantIds), isNotNull(botFlows.publishedVersion)))
    ).map((row) => row.tenantId),
  );
  const jobs = events.flatMap((event) => {
    const message = event.data;
    if (!message.conversationId || !withBots.has(event.tenantId)) return [];
    const { text, replyId } = inboundText(message.content as Content);
    // Satisfaction survey answers belong to csat.
    if (replyId?.startsWith("csat:")) return [];
    return [
      {
        tenantId: event.tenantId,
        messageId: message.id,
        conversationId: message.conversationId,
        contactId: message.contactId,
        phoneNumberId: message.phoneNumberId,
        text,
        replyId,
        replyToWamid: message.replyToWamid,
        // Voice notes (and other audio) are transcribed by the job.
        ...(message.type === "audio" && (message.content as Content).audio?.id
          ? { audioMediaId: (message.content as Content).audio!.id }
          : {}),
      },
    ];
  });
  await enqueueMany(context, BOT_INBOUND_QUEUE, jobs);
}

/** An agent took (or was given) the conversation: its running bot pauses. */
async function onAssigned(context: TxContext, event: EventOf<"conversation.assigned">) {
  if (!event.data.assigneeId) return;
  await context.tx
    .update(botSessions)
    .set({ status: "paused", updatedAt: new Date() })
    .where(and(eq(botSessions.conversationId, event.data.conversationId), eq(botSessions.status, "active")));
}

/** A resolved conversation releases it: the next message may start a bot again. */
async function onResolved(context: TxContext, event: EventOf<"conversation.status_changed">) {
  if (event.data.to !== "resolved") return;
  await context.tx
    .update(botSessions)
    .set({ status: "closed", endReason: "resolved", updatedAt: new Date() })
    .where(
      and(
        eq(botSessions.conversationId, event.data.conversationId),
        inArray(botSessions.status, ["active", "paused"]),
      ),
    );
  await context.tx
    .update(botSessions)
    .set({ endReason: "resolved" })
    .where(and(eq(botSessions.conversationId, event.data.conversationId), isNull(botSessions.endReason)));
}

export const botsSubscriber: EventSubscriber = {
  name: "bots.runtime",
  async handle(context, events: DomainEvent[]) {
    const inbound = events.filter(
      (event): event is EventOf<"message.received"> => event.type === "message.received",
    );
    if (inbound.length) await onInbound(context, inbound);
    for (const event of events) {
      if (event.type === "conversation.assigned") await onAssigned(context, event);
      else if (event.type === "conversation.status_changed") await onResolved(context, event);
    }
  },
};
