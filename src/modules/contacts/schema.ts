import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** E.164 with "+", e.g. +5491123456789; null for a user known only by their BSUID (a username adopter). */
    phone: text("phone"),
    /** WhatsApp id as Meta reports it (digits, may differ from phone, e.g. Argentina's 549). */
    waId: text("wa_id"),
    /** Business-scoped user id Meta reports since 2026 (`user_id`, e.g. US.13491208655302741918). */
    userId: text("user_id"),
    name: text("name"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    tags: text("tags").array().notNull().default([]),
    optedInAt: timestamp("opted_in_at", { withTimezone: true }),
    optedOutAt: timestamp("opted_out_at", { withTimezone: true }),
    /** Last message from the contact: the 24-hour customer service window runs from here. */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("contacts_tenant_phone_key").on(table.tenantId, table.phone),
    uniqueIndex("contacts_tenant_user_id_key").on(table.tenantId, table.userId),
    index("contacts_tenant_wa_idx").on(table.tenantId, table.waId),
    check("contacts_phone_or_user_id", sql`${table.phone} is not null or ${table.userId} is not null`),
  ],
);

/** Every opt-in and opt-out, with where it came from: the proof Meta's policy asks for. */
export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["opt_in", "opt_out"] }).notNull(),
    /** api, import, keyword, form, agent... */
    source: text("source").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("consent_events_contact_idx").on(table.contactId, table.at)],
);
