import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "../accounts/schema.ts";

/** The installation's VAPID key pair (one row, made on first use); the private key is stored sealed. */
export const pushKeys = pgTable("push_keys", {
  id: text("id").primaryKey(),
  publicKey: text("public_key").notNull(),
  privateKeySealed: text("private_key_sealed").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The languages notices are written in (the portal's). */
export const PUSH_LANGUAGES = ["es", "en", "pt"] as const;
export type PushLanguage = (typeof PUSH_LANGUAGES)[number];

/** A browser's Web Push subscription for a user (one per endpoint), with the portal language it was made in. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    language: text("language").$type<PushLanguage>().notNull().default("en"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("push_subscriptions_user_idx").on(table.userId),
    check("push_subscriptions_language", sql`${table.language} in ('es', 'en', 'pt')`),
  ],
);
