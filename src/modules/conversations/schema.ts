import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";
import { contacts } from "../contacts/schema.ts";
import { phoneNumbers } from "../numbers/schema.ts";

/**
 * One thread per business number and contact: what the inbox lists. Meta's 24-hour customer
 * service window is per number and user, so it runs from this row's last inbound message.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phoneNumberId: uuid("phone_number_id")
      .notNull()
      .references(() => phoneNumbers.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    // Millisecond precision: list cursors carry JavaScript dates.
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, precision: 3 }).notNull(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    lastOutboundAt: timestamp("last_outbound_at", { withTimezone: true }),
    /** A short text of the last message, for lists. */
    lastMessagePreview: text("last_message_preview"),
    /** Inbound messages since the business last marked the conversation read. */
    unreadCount: integer("unread_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("conversations_number_contact_key").on(table.phoneNumberId, table.contactId),
    index("conversations_tenant_last_idx").on(table.tenantId, table.lastMessageAt, table.id),
    index("conversations_contact_idx").on(table.contactId),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
