import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { notFound } from "../../lib/problem.ts";
import { contactsTable as contacts } from "../contacts/index.ts";
import { contactListMembers, contactLists } from "./schema.ts";

export type ContactList = typeof contactLists.$inferSelect & { memberCount: number };

const memberCount = sql<number>`(select count(*)::int from ${contactListMembers} where ${contactListMembers.listId} = ${contactLists.id})`;

export async function getList(db: Executor, tenantId: string, id: string): Promise<ContactList> {
  const [list] = await db
    .select({
      id: contactLists.id,
      tenantId: contactLists.tenantId,
      name: contactLists.name,
      createdAt: contactLists.createdAt,
      memberCount,
    })
    .from(contactLists)
    .where(and(eq(contactLists.tenantId, tenantId), eq(contactLists.id, id)));
  if (!list) throw notFound("List", "list_not_found");
  return list;
}

export async function listLists(db: Executor, tenantId: string): Promise<ContactList[]> {
  return db
    .select({
      id: contactLists.id,
      tenantId: contactLists.tenantId,
      name: contactLists.name,
      createdAt: contactLists.createdAt,
      memberCount,
    })
    .from(contactLists)
    .where(eq(contactLists.tenantId, tenantId))
    .orderBy(desc(contactLists.createdAt), desc(contactLists.id));
}

export async function createList(db: Executor, tenantId: string, name: string): Promise<ContactList> {
  const [created] = await db.insert(contactLists).values({ tenantId, name }).returning();
  if (!created) throw new Error("insert returned no row");
  return { ...created, memberCount: 0 };
}

export async function deleteList(db: Executor, tenantId: string, id: string): Promise<void> {
  await getList(db, tenantId, id);
  await db.delete(contactLists).where(and(eq(contactLists.tenantId, tenantId), eq(contactLists.id, id)));
}

/**
 * Adds contacts to a list (one statement); ids that are not the tenant's contacts are skipped and
 * counted, never added. Returns how many were new to the list.
 */
export async function addListMembers(db: Executor, tenantId: string, listId: string, contactIds: string[]) {
  await getList(db, tenantId, listId);
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return { added: 0, unknown: 0 };
  const owned = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, ids)));
  if (owned.length === 0) return { added: 0, unknown: ids.length };
  const added = await db
    .insert(contactListMembers)
    .values(owned.map((row) => ({ listId, contactId: row.id })))
    .onConflictDoNothing()
    .returning({ id: contactListMembers.contactId });
  return { added: added.length, unknown: ids.length - owned.length };
}

export async function removeListMembers(
  db: Executor,
  tenantId: string,
  listId: string,
  contactIds: string[],
) {
  await getList(db, tenantId, listId);
  if (contactIds.length === 0) return { removed: 0 };
  const removed = await db
    .delete(contactListMembers)
    .where(and(eq(contactListMembers.listId, listId), inArray(contactListMembers.contactId, contactIds)))
    .returning({ id: contactListMembers.contactId });
  return { removed: removed.length };
}

/** A page of the list's members, newest first. */
export async function listMembers(db: Executor, tenantId: string, listId: string, limit = 50, offset = 0) {
  await getList(db, tenantId, listId);
  return db
    .select({
      id: contacts.id,
      phone: contacts.phone,
      name: contacts.name,
      addedAt: contactListMembers.addedAt,
    })
    .from(contactListMembers)
    .innerJoin(contacts, eq(contacts.id, contactListMembers.contactId))
    .where(eq(contactListMembers.listId, listId))
    .orderBy(desc(contactListMembers.addedAt), desc(contacts.id))
    .limit(limit)
    .offset(offset);
}
