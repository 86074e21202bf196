-- Hand-written (drizzle-kit cannot express partitioning): messages becomes a table partitioned by
-- month on created_at, with the same columns, keys and indexes as the schema in TypeScript says.
CREATE TABLE "message_idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"message_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_idempotency_keys_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "message_idempotency_keys" ADD CONSTRAINT "message_idempotency_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "message_idempotency_keys" ("tenant_id", "key", "message_id", "created_at")
SELECT "tenant_id", "idempotency_key", "id", "created_at" FROM "messages" WHERE "idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE TABLE "messages_by_month" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"phone_number_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"type" text NOT NULL,
	"content" jsonb NOT NULL,
	"template_id" uuid,
	"category" text,
	"status" text NOT NULL,
	"wamid" text,
	"error" jsonb,
	"pricing" jsonb,
	"conversation_id" uuid,
	"meta_conversation_id" text,
	"reply_to_wamid" text,
	"idempotency_key" text,
	"request_hash" text,
	"dispatch_attempts" integer DEFAULT 0 NOT NULL,
	"dispatch_started_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "messages_id_created_at_pk" PRIMARY KEY("id","created_at")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
-- Rows of a month without its partition (far past or future timestamps) land here instead of failing.
CREATE TABLE "messages_default" PARTITION OF "messages_by_month" DEFAULT;--> statement-breakpoint
-- The month's partition (UTC months), created if missing; the runtime calls it for months ahead.
CREATE OR REPLACE FUNCTION "charla_message_partition"(month_start date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	parent regclass := coalesce(to_regclass('public.messages_by_month'), 'public.messages'::regclass);
	name text := 'messages_' || to_char(month_start, 'YYYY_MM');
	low timestamptz := date_trunc('month', month_start)::timestamp AT TIME ZONE 'UTC';
BEGIN
	IF to_regclass('public.' || name) IS NULL THEN
		EXECUTE format('CREATE TABLE public.%I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
			name, parent, low, low + interval '1 month');
	END IF;
	RETURN name;
END $$;--> statement-breakpoint
SELECT "charla_message_partition"(month::date) FROM generate_series(
	date_trunc('month', coalesce((SELECT min("created_at") FROM "messages"), now()) AT TIME ZONE 'UTC'),
	date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
	interval '1 month') AS month;--> statement-breakpoint
INSERT INTO "messages_by_month" ("id", "tenant_id", "phone_number_id", "contact_id", "direction", "type", "content", "template_id", "category", "status", "wamid", "error", "pricing", "conversation_id", "meta_conversation_id", "reply_to_wamid", "idempotency_key", "request_hash", "dispatch_attempts", "dispatch_started_at", "created_at", "updated_at", "accepted_at", "sent_at", "delivered_at", "read_at", "failed_at")
SELECT "id", "tenant_id", "phone_number_id", "contact_id", "direction", "type", "content", "template_id", "category", "status", "wamid", "error", "pricing", "conversation_id", "meta_conversation_id", "reply_to_wamid", "idempotency_key", "request_hash", "dispatch_attempts", "dispatch_started_at", "created_at", "updated_at", "accepted_at", "sent_at", "delivered_at", "read_at", "failed_at"
FROM "messages";--> statement-breakpoint
DROP TABLE "messages";--> statement-breakpoint
ALTER TABLE "messages_by_month" RENAME TO "messages";--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_phone_number_id_phone_numbers_id_fk" FOREIGN KEY ("phone_number_id") REFERENCES "public"."phone_numbers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_wamid_idx" ON "messages" USING btree ("wamid");--> statement-breakpoint
CREATE INDEX "messages_idempotency_idx" ON "messages" USING btree ("tenant_id","idempotency_key") WHERE "messages"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "messages_tenant_created_idx" ON "messages" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "messages_contact_idx" ON "messages" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_id","created_at","id");
