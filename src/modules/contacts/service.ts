import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { notFound } from "../../lib/problem.ts";
import { consentEvents, contacts } from "./schema.ts";

export type Contact = typeof contacts.$inferSelect;

/** The customer service window Meta allows free-form messages in. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export function isOptedIn(contact: Contact): boolean {
  return !!contact.optedInAt && (!contact.optedOutAt || contact.optedOutAt < contact.optedInAt);
}

export function isOptedOut(contact: Contact): boolean {
  return !!contact.optedOutAt && (!contact.optedInAt || contact.optedInAt <= contact.optedOutAt);
}

/** Whether the window runs, from a contact's (any number) or a conversation's (one number) last inbound message. */
export function windowOpen(from: { lastInboundAt: Date | null }, now = new Date()): boolean {
  return !!from.lastInboundAt && now.getTime() - from.lastInboundAt.getTime() < WINDOW_MS;
}

export function windowExpiresAt(from: { lastInboundAt: Date | null }): Date | null {
  return from.lastInboundAt ? new Date(from.lastInboundAt.getTime() + WINDOW_MS) : null;
}

export async function getContact(db: Executor, tenantId: string, id: string): Promise<Contact> {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
  if (!contact) throw notFound("Contact", "contact_not_found");
  return contact;
}

export async function findContactByPhone(db: Executor, tenantId: string, phone: string) {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.phone, phone)));
  return contact;
}

/** Finds the contact by phone or creates it; `patch` fields overwrite, attributes merge, tags union. */
export async function upsertContact(
  db: Executor,
  tenantId: string,
  input: {
    phone: string;
    waId?: string;
    name?: string;
    attributes?: Record<string, unknown>;
    tags?: string[];
  },
): Promise<Contact> {
  const [contact] = await db
    .insert(contacts)
    .values({
      tenantId,
      phone: input.phone,
      waId: input.waId ?? input.phone.slice(1),
      name: input.name,
      attributes: input.attributes ?? {},
      tags: input.tags ?? [],
    })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.phone],
      set: {
        name: input.name === undefined ? sql`${contacts.name}` : input.name,
        waId: input.waId === undefined ? sql`${contacts.waId}` : input.waId,
        attributes: sql`${contacts.attributes} || ${JSON.stringify(input.attributes ?? {})}::jsonb`,
        // Tags travel as JSON: an empty JS array does not bind as a SQL array on every driver.
        tags: sql`array(select distinct t from unnest(${contacts.tags} || array(select jsonb_array_elements_text(${JSON.stringify(input.tags ?? [])}::jsonb))) t)`,
        updatedAt: new Date(),
      },
    })
    .returning();
  if (!contact) throw new Error("upsert returned no row");
  return contact;
}

/** Resolves an inbound sender (wa_id) to a contact, creating it on first contact. */
export async function contactForInbound(
  db: Executor,
  tenantId: string,
  waId: string,
  phone: string,
  name?: string,
) {
  const [found] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), or(eq(contacts.waId, waId), eq(contacts.phone, phone))))
    .limit(1);
  if (found) return found;
  return upsertContact(db, tenantId, { phone, waId, name });
}

/** Records an opt-in or opt-out with its source; returns the updated contact. */
export async function recordConsent(
  db: Executor,
  contact: Contact,
  kind: "opt_in" | "opt_out",
  source: string,
  evidence?: Record<string, unknown>,
  at = new Date(),
): Promise<Contact> {
  await db
    .insert(consentEvents)
    .values({ tenantId: contact.tenantId, contactId: contact.id, kind, source, evidence, at });
  const [updated] = await db
    .update(contacts)
    .set(kind === "opt_in" ? { optedInAt: at, updatedAt: at } : { optedOutAt: at, updatedAt: at })
    .where(eq(contacts.id, contact.id))
    .returning();
  if (!updated) throw new Error("contact vanished");
  return updated;
}

export async function listConsent(db: Executor, tenantId: string, contactId: string) {
  return db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contactId)))
    .orderBy(consentEvents.at);
}

/** What the `contact.opted_out` event carries. */
export interface ContactOptedOutData {
  contactId: string;
  phone: string;
  source: string;
  keyword?: string;
  at: Date | null;
}

/** An inbound message from the contact: the window opens (never backwards), wa_id and a missing name are kept. */
export async function noteInboundMessage(
  db: Executor,
  contactId: string,
  inbound: { at: Date; waId: string; profileName?: string | undefined },
): Promise<Contact | undefined> {
  const [updated] = await db
    .update(contacts)
    .set({
      lastInboundAt: sql`greatest(${contacts.lastInboundAt}, ${inbound.at.toISOString()}::timestamptz)`,
      waId: inbound.waId,
      name: sql`coalesce(${contacts.name}, ${inbound.profileName ?? null})`,
      updatedAt: new Date(),
    })
    .where(eq(contacts.id, contactId))
    .returning();
  return updated;
}

/** Phone, wa_id and name of the given contacts, by id. */
export async function contactSummaries(
  db: Executor,
  ids: string[],
): Promise<Map<string, { id: string; phone: string; waId: string | null; name: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: contacts.id, phone: contacts.phone, waId: contacts.waId, name: contacts.name })
    .from(contacts)
    .where(inArray(contacts.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}
