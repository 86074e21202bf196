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

/**
 * The tenant's contacts with these phones (E.164), by phone, creating those not known yet: one
 * query when all exist (the usual case on the send path), three when some are new.
 */
export async function contactsForPhones(
  db: Executor,
  tenantId: string,
  phones: string[],
): Promise<Map<string, Contact>> {
  const wanted = [...new Set(phones)];
  const byPhone = new Map<string, Contact>();
  if (wanted.length === 0) return byPhone;
  const read = async (list: string[]) => {
    const rows = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.phone, list)));
    for (const row of rows) byPhone.set(row.phone!, row);
  };
  await read(wanted);
  const missing = wanted.filter((phone) => !byPhone.has(phone));
  if (missing.length === 0) return byPhone;
  // Sorted, so concurrent inserts of overlapping sets take their locks in one order.
  missing.sort();
  await db
    .insert(contacts)
    .values(missing.map((phone) => ({ tenantId, phone, waId: phone.slice(1), attributes: {}, tags: [] })))
    .onConflictDoNothing({ target: [contacts.tenantId, contacts.phone] });
  await read(missing);
  return byPhone;
}

/** A business-scoped user id as Meta writes it: country code, a dot, alphanumerics (US.13491208655302741918). */
export const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;

export async function findContactByUserId(db: Executor, tenantId: string, userId: string) {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.userId, userId)));
  return contact;
}

/** Finds the contact by phone or creates it; `patch` fields overwrite, attributes merge, tags union. */
export async function upsertContact(
  db: Executor,
  tenantId: string,
  input: {
    phone: string;
    waId?: string;
    userId?: string;
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
      userId: input.userId,
      name: input.name,
      attributes: input.attributes ?? {},
      tags: input.tags ?? [],
    })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.phone],
      set: {
        name: input.name === undefined ? sql`${contacts.name}` : input.name,
        waId: input.waId === undefined ? sql`${contacts.waId}` : input.waId,
        userId: input.userId === undefined ? sql`${contacts.userId}` : input.userId,
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

/**
 * Resolves an inbound sender to a contact, creating it on first contact: by wa_id or phone, or by
 * business-scoped user id (a user who adopted a username comes with no phone at all).
 */
export async function contactForInbound(
  db: Executor,
  tenantId: string,
  sender: { waId?: string | undefined; phone?: string | undefined; userId?: string | undefined },
  name?: string,
): Promise<Contact> {
  const { waId, phone, userId } = sender;
  const matches = [
    waId ? eq(contacts.waId, waId) : undefined,
    phone ? eq(contacts.phone, phone) : undefined,
    userId ? eq(contacts.userId, userId) : undefined,
  ].filter((match) => match !== undefined);
  if (matches.length === 0) throw new Error("an inbound sender has a wa_id or a user id");
  const [found] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), or(...matches)))
    .limit(1);
  if (found) return found;
  if (phone) return upsertContact(db, tenantId, { phone, waId, userId, name });
  const [created] = await db
    .insert(contacts)
    .values({ tenantId, userId, name })
    .onConflictDoUpdate({ target: [contacts.tenantId, contacts.userId], set: { updatedAt: new Date() } })
    .returning();
  if (!created) throw new Error("insert returned no row");
  return created;
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
  phone: string | null;
  userId: string | null;
  source: string;
  keyword?: string;
  at: Date | null;
}

/** An inbound message from the contact: the window opens (never backwards), wa_id, user id and a missing name are kept. */
export async function noteInboundMessage(
  db: Executor,
  contactId: string,
  inbound: {
    at: Date;
    waId?: string | undefined;
    userId?: string | undefined;
    profileName?: string | undefined;
  },
): Promise<Contact | undefined> {
  const [updated] = await db
    .update(contacts)
    .set({
      lastInboundAt: sql`greatest(${contacts.lastInboundAt}, ${inbound.at.toISOString()}::timestamptz)`,
      waId: inbound.waId ?? sql`${contacts.waId}`,
      userId: inbound.userId ?? sql`${contacts.userId}`,
      name: sql`coalesce(${contacts.name}, ${inbound.profileName ?? null})`,
      updatedAt: new Date(),
    })
    .where(eq(contacts.id, contactId))
    .returning();
  return updated;
}

export interface ContactSummary {
  id: string;
  phone: string | null;
  waId: string | null;
  userId: string | null;
  name: string | null;
}

/** Phone, wa_id, business-scoped user id and name of the given contacts, by id. */
export async function contactSummaries(db: Executor, ids: string[]): Promise<Map<string, ContactSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: contacts.id,
      phone: contacts.phone,
      waId: contacts.waId,
      userId: contacts.userId,
      name: contacts.name,
    })
    .from(contacts)
    .where(inArray(contacts.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}
