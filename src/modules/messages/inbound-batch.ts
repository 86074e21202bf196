import { inArray, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";
import type { InboundMessageEvent } from "../../whatsapp/types.ts";
import {
  type Contact,
  contactsForInboundSenders,
  noteInboundMessages,
  waIdToE164,
} from "../contacts/index.ts";
import { conversationKey, messagePreview, touchConversations } from "../conversations/index.ts";
import { numberByMetaId, type PhoneNumberRow } from "../numbers/index.ts";
import { MEDIA_QUEUE } from "./queues.ts";
import { messages } from "./schema.ts";

/** A customer's message stored by ingest: its row, its contact (updated) and number. */
export interface Inbound {
  message: typeof messages.$inferSelect;
  contact: Contact;
  number: PhoneNumberRow;
  event: InboundMessageEvent;
}

/** Rows per multi-row insert (about a dozen parameters each). */
const INSERT_CHUNK = 1_000;

/** The business numbers a batch's messages were sent to, by Meta's id (null: no tenant has it). */
async function numbersOf(tx: Tx, events: InboundMessageEvent[]) {
  const numbers = new Map<string, PhoneNumberRow | null>();
  for (const id of new Set(events.map((event) => event.metadata.phoneNumberId)))
    numbers.set(id, (await numberByMetaId(tx, id)) ?? null);
  return numbers;
}

/**
 * The batch's messages not stored yet, first copy of each wamid. Meta repeats webhooks and two
 * ingest workers may hold copies of one: the wamids' locks (held to commit, taken in one order)
 * make the second see the first's rows. The partitioned table has no unique wamid.
 */
async function unseen(tx: Tx, events: InboundMessageEvent[]) {
  const first = new Map<string, InboundMessageEvent>();
  for (const event of events) if (!first.has(event.id)) first.set(event.id, event);
  if (first.size === 0) return [];
  const wamids = [...first.keys()];
  await tx.execute(sql`
    select count(pg_advisory_xact_lock(k)) from (
      select distinct hashtextextended('wamid:' || w, 0) as k
      from jsonb_array_elements_text(${JSON.stringify(wamids)}::jsonb) as w order by k) as keys`);
  const seen = await tx
    .select({ wamid: messages.wamid })
    .from(messages)
    .where(inArray(messages.wamid, wamids));
  for (const { wamid } of seen) if (wamid) first.delete(wamid);
  return [...first.values()];
}

/** Each message's contact, created on first contact (one round per tenant). */
async function contactsOf(tx: Tx, items: { event: InboundMessageEvent; number: PhoneNumberRow }[]) {
  const byTenant = new Map<string, number[]>();
  items.forEach((item, index) => {
    byTenant.set(item.number.tenantId, [...(byTenant.get(item.number.tenantId) ?? []), index]);
  });
  const contacts: Contact[] = new Array(items.length);
  for (const [tenantId, indexes] of byTenant) {
    const found = await contactsForInboundSenders(
      tx,
      tenantId,
      indexes.map((index) => {
        const { event } = items[index]!;
        return {
          waId: event.from,
          phone: event.from === undefined ? undefined : waIdToE164(event.from),
          userId: event.fromUserId,
          name: event.profileName,
        };
      }),
    );
    indexes.forEach((index, at) => {
      contacts[index] = found[at]!;
    });
  }
  return contacts;
}

/**
 * Stores a batch of customers' messages set-based: numbers, wamid locks and the duplicate check,
 * contacts, conversations, the message rows and the contacts' windows each take one statement (or
 * one per tenant or number) for the whole batch. Events and STOP keywords are the caller's.
 */
export async function applyInboundBatch(
  tx: Tx,
  services: Services,
  events: InboundMessageEvent[],
): Promise<Inbound[]> {
  if (events.length === 0) return [];
  const numbers = await numbersOf(tx, events);
  // A number no tenant has connected: nothing to attach its messages to.
  const fresh = await unseen(
    tx,
    events.filter((event) => numbers.get(event.metadata.phoneNumberId)),
  );
  if (fresh.length === 0) return [];
  const items = fresh.map((event) => ({ event, number: numbers.get(event.metadata.phoneNumberId)! }));
  const contacts = await contactsOf(tx, items);
  const arrivedAt = new Date();
  const conversationIds = await touchConversations(
    tx,
    items.map(({ event, number }, index) => ({
      tenantId: number.tenantId,
      phoneNumberId: number.id,
      contactId: contacts[index]!.id,
      direction: "inbound" as const,
      at: new Date(event.timestamp * 1000),
      arrivedAt,
      preview: messagePreview(event.type, event.raw as Record<string, unknown>),
    })),
  );
  const rows = items.map(({ event, number }, index) => ({
    tenantId: number.tenantId,
    phoneNumberId: number.id,
    contactId: contacts[index]!.id,
    conversationId: conversationIds.get(conversationKey(number.id, contacts[index]!.id)) ?? null,
    direction: "inbound" as const,
    type: event.type,
    content: event.raw,
    status: "received" as const,
    wamid: event.id,
    replyToWamid: event.context?.id ?? null,
    createdAt: new Date(event.timestamp * 1000),
  }));
  const stored: (typeof messages.$inferSelect)[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    stored.push(
      ...(await tx
        .insert(messages)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .returning()),
    );
  const byWamid = new Map(stored.map((row) => [row.wamid!, row]));
  const updated = await noteInboundMessages(
    tx,
    items.map(({ event }, index) => ({
      contactId: contacts[index]!.id,
      at: new Date(event.timestamp * 1000),
      waId: event.from,
      userId: event.fromUserId,
      profileName: event.profileName,
    })),
  );
  const received = items.map(({ event, number }, index) => {
    const message = byWamid.get(event.id);
    if (!message) throw new Error("insert returned no row");
    const contact = updated.get(contacts[index]!.id) ?? contacts[index]!;
    return { message, contact, number, event };
  });
  for (const { message, event } of received)
    if (event.content.kind === "media")
      await enqueue(
        { boss: services.boss, tx },
        MEDIA_QUEUE,
        { messageId: message.id, mediaId: event.content.media.id },
        { retryLimit: 5, retryBackoff: true },
      );
  return received;
}
