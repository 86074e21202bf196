import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import type { Services } from "../../http/context.ts";
import { inTransaction } from "../../jobs/queue.ts";
import type { InboundMessageEvent, StatusEvent } from "../../whatsapp/types.ts";
import { parseWebhook } from "../../whatsapp/webhook.ts";
import { waIdToE164 } from "../contacts/phone.ts";
import { contacts } from "../contacts/schema.ts";
import { contactForInbound } from "../contacts/service.ts";
import { phoneNumbers } from "../numbers/schema.ts";
import { applyTemplateStatus } from "../templates/meta.ts";
import { publishMessageEvent } from "./events.ts";
import { MEDIA_QUEUE } from "./jobs.ts";
import { handleOptOutKeyword } from "./opt-out.ts";
import { messages, whatsappWebhookEvents } from "./schema.ts";

/** Order of delivery states: a status never moves a message to a lower rank. */
const rank: Record<string, number> = {
  queued: 0,
  dispatching: 1,
  accepted: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
};
const timestampColumn = {
  sent: "sentAt",
  delivered: "deliveredAt",
  read: "readAt",
  failed: "failedAt",
} as const;

/**
 * Applies a batch of stored Meta webhooks in one transaction: statuses (idempotent, never
 * backwards), inbound messages (deduplicated by wamid), opt-out keywords. Returns the events done.
 */
export async function ingestWebhookEvents(services: Services, eventIds: number[]): Promise<number> {
  const { db } = services.database;
  return db.transaction(async (tx) => {
    const stored = await tx
      .select()
      .from(whatsappWebhookEvents)
      .where(and(inArray(whatsappWebhookEvents.id, eventIds), isNull(whatsappWebhookEvents.processedAt)))
      .orderBy(whatsappWebhookEvents.id)
      .for("update", { skipLocked: true });
    const parsed = stored.flatMap((row) => parseWebhook(row.body));
    // Statuses in the order they happened, whatever order the webhooks came in.
    const statuses = parsed
      .filter((event): event is StatusEvent => event.kind === "status")
      .sort((a, b) => a.timestamp - b.timestamp);
    const inbound = parsed.filter((event): event is InboundMessageEvent => event.kind === "message");
    for (const event of inbound) await applyInbound(tx, services, event);
    for (const event of statuses) await applyStatus(tx, services, event);
    for (const event of parsed)
      if (event.kind === "template_status") await applyTemplateStatus(tx, services, event);
    if (stored.length) {
      await tx
        .update(whatsappWebhookEvents)
        .set({ processedAt: new Date() })
        .where(
          inArray(
            whatsappWebhookEvents.id,
            stored.map((row) => row.id),
          ),
        );
    }
    return stored.length;
  });
}

async function applyStatus(tx: Tx, services: Services, event: StatusEvent) {
  const target = event.status as keyof typeof timestampColumn;
  if (!(target in timestampColumn)) return; // "deleted", "played": nothing to track yet
  let [message] = await tx.select().from(messages).where(eq(messages.wamid, event.messageId)).for("update");
  if (!message && event.bizOpaqueCallbackData && /^[0-9a-f-]{36}$/i.test(event.bizOpaqueCallbackData)) {
    // The status outran our own record of the wamid (or the dispatcher died before storing it): link by our id.
    [message] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.id, event.bizOpaqueCallbackData), isNull(messages.wamid)))
      .for("update");
  }
  if (!message) return;
  const at = new Date(event.timestamp * 1000);
  const forward =
    rank[target]! > rank[message.status]! &&
    !(target === "failed" && rank[message.status]! >= rank.delivered!);
  const column = timestampColumn[target];
  const error = event.errors[0];
  const [updated] = await tx
    .update(messages)
    .set({
      wamid: message.wamid ?? event.messageId,
      status: forward ? target : message.status,
      [column]: message[column] ?? at,
      ...(forward && target === "failed" && error
        ? { error: { code: error.code, title: error.title, message: error.message, details: error.details } }
        : {}),
      ...(event.pricing ? { pricing: { ...event.pricing } } : {}),
      ...(event.conversation ? { conversationId: event.conversation.id } : {}),
      updatedAt: new Date(),
    })
    .where(eq(messages.id, message.id))
    .returning();
  if (forward && updated) await publishMessageEvent(tx, services, updated, `message.${target}`);
}

async function applyInbound(tx: Tx, services: Services, event: InboundMessageEvent) {
  const [number] = await tx
    .select()
    .from(phoneNumbers)
    .where(eq(phoneNumbers.phoneNumberId, event.metadata.phoneNumberId));
  if (!number) return; // a number no tenant has connected: nothing to attach it to
  const contact = await contactForInbound(
    tx,
    number.tenantId,
    event.from,
    waIdToE164(event.from),
    event.profileName,
  );
  const at = new Date(event.timestamp * 1000);
  const [message] = await tx
    .insert(messages)
    .values({
      tenantId: number.tenantId,
      phoneNumberId: number.id,
      contactId: contact.id,
      direction: "inbound",
      type: event.type,
      content: event.raw,
      status: "received",
      wamid: event.id,
      replyToWamid: event.context?.id ?? null,
      createdAt: at,
    })
    .onConflictDoNothing({ target: messages.wamid })
    .returning();
  if (!message) return; // a repeated webhook
  const [updated] = await tx
    .update(contacts)
    .set({
      lastInboundAt: sql`greatest(${contacts.lastInboundAt}, ${at.toISOString()}::timestamptz)`,
      waId: event.from,
      name: sql`coalesce(${contacts.name}, ${event.profileName ?? null})`,
      updatedAt: new Date(),
    })
    .where(eq(contacts.id, contact.id))
    .returning();
  await publishMessageEvent(tx, services, message, "message.received");
  if (event.content.kind === "media") {
    await services.boss.send(
      MEDIA_QUEUE,
      { messageId: message.id, mediaId: event.content.media.id },
      { ...inTransaction(tx), retryLimit: 5, retryBackoff: true },
    );
  }
  await handleOptOutKeyword(tx, services, updated ?? contact, number, event);
}
