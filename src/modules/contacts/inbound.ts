import { and, getTableColumns, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { fromDriverRow } from "../../db/json-insert.ts";
import { contacts } from "./schema.ts";
import type { Contact } from "./service.ts";

/** Who wrote an inbound message, as Meta names them (a wa_id and phone, a user id, or both). */
export interface InboundSender {
  waId?: string | undefined;
  phone?: string | undefined;
  userId?: string | undefined;
  name?: string | undefined;
}

/** What an inbound message tells about its contact (see noteInboundMessage). */
export interface InboundNote {
  contactId: string;
  at: Date;
  waId?: string | undefined;
  userId?: string | undefined;
  profileName?: string | undefined;
}

/** Finds a sender among known contacts: by wa_id, then phone, then user id. */
function matcher(rows: Contact[]) {
  const byWaId = new Map<string, Contact>();
  const byPhone = new Map<string, Contact>();
  const byUserId = new Map<string, Contact>();
  const add = (row: Contact) => {
    if (row.waId && !byWaId.has(row.waId)) byWaId.set(row.waId, row);
    if (row.phone && !byPhone.has(row.phone)) byPhone.set(row.phone, row);
    if (row.userId && !byUserId.has(row.userId)) byUserId.set(row.userId, row);
  };
  for (const row of rows) add(row);
  const find = (sender: InboundSender) =>
    (sender.waId && byWaId.get(sender.waId)) ||
    (sender.phone && byPhone.get(sender.phone)) ||
    (sender.userId && byUserId.get(sender.userId)) ||
    undefined;
  return { add, find };
}

/**
 * contactForInbound for a batch of one tenant's senders, answered in their order: one query finds
 * the known ones, and the new ones are created in one statement per kind (by phone, or by user id
 * alone), each once however many of its messages the batch holds.
 */
export async function contactsForInboundSenders(
  db: Executor,
  tenantId: string,
  senders: InboundSender[],
): Promise<Contact[]> {
  if (senders.some((sender) => !sender.waId && !sender.phone && !sender.userId))
    throw new Error("an inbound sender has a wa_id or a user id");
  const list = (key: "waId" | "phone" | "userId") => [
    ...new Set(senders.flatMap((sender) => (sender[key] ? [sender[key]] : []))),
  ];
  const waIds = list("waId");
  const phones = list("phone");
  const userIds = list("userId");
  const known = await db
    .select()
    .from(contacts)
    .where(
      and(
        sql`${contacts.tenantId} = ${tenantId}`,
        or(
          waIds.length ? inArray(contacts.waId, waIds) : undefined,
          phones.length ? inArray(contacts.phone, phones) : undefined,
          userIds.length ? inArray(contacts.userId, userIds) : undefined,
        ),
      ),
    );
  const match = matcher(known);
  const byPhone = new Map<string, InboundSender>();
  const byUserId = new Map<string, InboundSender>();
  for (const sender of senders) {
    if (match.find(sender)) continue;
    if (sender.phone) byPhone.has(sender.phone) || byPhone.set(sender.phone, sender);
    else if (sender.userId && !byUserId.has(sender.userId)) byUserId.set(sender.userId, sender);
  }
  // Sorted, so concurrent batches take their locks in one order. A conflict is a sender another
  // transaction created meanwhile: its row is taken (given fields overwrite, as upsertContact does).
  if (byPhone.size > 0) {
    const created = await db
      .insert(contacts)
      .values(
        [...byPhone.values()]
          .sort((a, b) => (a.phone! < b.phone! ? -1 : 1))
          .map((sender) => ({
            tenantId,
            phone: sender.phone!,
            waId: sender.waId ?? sender.phone!.slice(1),
            userId: sender.userId,
            name: sender.name,
            attributes: {},
            tags: [],
          })),
      )
      .onConflictDoUpdate({
        target: [contacts.tenantId, contacts.phone],
        set: {
          name: sql`coalesce(excluded.name, ${contacts.name})`,
          waId: sql`coalesce(excluded.wa_id, ${contacts.waId})`,
          userId: sql`coalesce(excluded.user_id, ${contacts.userId})`,
          updatedAt: new Date(),
        },
      })
      .returning();
    for (const row of created) match.add(row);
  }
  if (byUserId.size > 0) {
    const created = await db
      .insert(contacts)
      .values(
        [...byUserId.values()]
          .sort((a, b) => (a.userId! < b.userId! ? -1 : 1))
          .map((sender) => ({ tenantId, userId: sender.userId, name: sender.name })),
      )
      .onConflictDoUpdate({ target: [contacts.tenantId, contacts.userId], set: { updatedAt: new Date() } })
      .returning();
    for (const row of created) match.add(row);
  }
  return senders.map((sender) => {
    const contact = match.find(sender);
    if (!contact) throw new Error("an inbound sender's contact was not created");
    return contact;
  });
}

const columns = Object.entries(getTableColumns(contacts));

/** A contacts row as the driver returned it from raw SQL, as Drizzle would map it. */
const contactOf = (row: Record<string, unknown>) => fromDriverRow<Contact>(columns, row);

/**
 * noteInboundMessage for many messages in one statement: per contact the window opens at its
 * latest message (never backwards), the last wa_id and user id given are kept, and a missing name
 * takes the first profile name. Returns the updated contacts by id.
 */
export async function noteInboundMessages(db: Executor, notes: InboundNote[]): Promise<Map<string, Contact>> {
  const merged = new Map<string, { id: string; at: Date; wa_id?: string; user_id?: string; name?: string }>();
  for (const note of notes) {
    const row = merged.get(note.contactId) ?? { id: note.contactId, at: note.at };
    if (note.at > row.at) row.at = note.at;
    if (note.waId !== undefined) row.wa_id = note.waId;
    if (note.userId !== undefined) row.user_id = note.userId;
    row.name ??= note.profileName;
    merged.set(note.contactId, row);
  }
  if (merged.size === 0) return new Map();
  const values = [...merged.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const result = (await db.execute(sql`
    update ${contacts} c set
      last_inbound_at = greatest(c.last_inbound_at, v.at),
      wa_id = coalesce(v.wa_id, c.wa_id),
      user_id = coalesce(v.user_id, c.user_id),
      name = coalesce(c.name, v.name),
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, at timestamptz, wa_id text, user_id text, name text)
    where c.id = v.id
    returning c.*`)) as unknown as { rows: Record<string, unknown>[] };
  return new Map(result.rows.map((row) => [String(row.id), contactOf(row)]));
}
