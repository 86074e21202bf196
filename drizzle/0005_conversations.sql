CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"phone_number_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"last_message_at" timestamp (3) with time zone NOT NULL,
	"last_inbound_at" timestamp with time zone,
	"last_outbound_at" timestamp with time zone,
	"last_message_preview" text,
	"unread_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Meta's conversation id keeps its values under a name that says whose it is; conversation_id becomes Charla's.
ALTER TABLE "messages" RENAME COLUMN "conversation_id" TO "meta_conversation_id";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "conversation_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_phone_number_id_phone_numbers_id_fk" FOREIGN KEY ("phone_number_id") REFERENCES "public"."phone_numbers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_number_contact_key" ON "conversations" USING btree ("phone_number_id","contact_id");--> statement-breakpoint
CREATE INDEX "conversations_tenant_last_idx" ON "conversations" USING btree ("tenant_id","last_message_at","id");--> statement-breakpoint
CREATE INDEX "conversations_contact_idx" ON "conversations" USING btree ("contact_id");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_id","created_at","id");--> statement-breakpoint
-- Existing messages get their conversations (hand-written: drizzle-kit does not backfill).
INSERT INTO "conversations" ("tenant_id", "phone_number_id", "contact_id", "last_message_at", "last_inbound_at", "last_outbound_at", "created_at")
SELECT "tenant_id", "phone_number_id", "contact_id", max("created_at"),
  max("created_at") FILTER (WHERE "direction" = 'inbound'), max("created_at") FILTER (WHERE "direction" = 'outbound'), min("created_at")
FROM "messages" GROUP BY "tenant_id", "phone_number_id", "contact_id";--> statement-breakpoint
UPDATE "messages" m SET "conversation_id" = c."id" FROM "conversations" c
WHERE c."phone_number_id" = m."phone_number_id" AND c."contact_id" = m."contact_id";
--> statement-breakpoint
UPDATE "conversations" c SET "last_message_preview" = left(coalesce(l."content" -> 'text' ->> 'body', '[' || l."type" || ']'), 120)
FROM (SELECT DISTINCT ON ("conversation_id") "conversation_id", "content", "type" FROM "messages" ORDER BY "conversation_id", "created_at" DESC) l
WHERE l."conversation_id" = c."id";
