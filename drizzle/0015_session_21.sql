CREATE TABLE "bot_knowledge_chunks" (
	"document_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content" text NOT NULL,
	"search" "tsvector" NOT NULL,
	CONSTRAINT "bot_knowledge_chunks_document_id_ordinal_pk" PRIMARY KEY("document_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "bot_knowledge_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_pair_pace" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_agent_hourly" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"user_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"bucket" smallint NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_agent_hourly_key" UNIQUE("tenant_id","hour","user_id","metric","bucket")
);
--> statement-breakpoint
CREATE TABLE "analytics_bot_hourly" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"flow_id" uuid NOT NULL,
	"sessions" bigint DEFAULT 0 NOT NULL,
	"completions" bigint DEFAULT 0 NOT NULL,
	"handovers" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_bot_hourly_key" UNIQUE("tenant_id","hour","flow_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_failure_hourly" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"phone_number_id" uuid,
	"template_id" uuid,
	"campaign_id" uuid,
	"error_code" integer NOT NULL,
	"failed" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_failure_hourly_key" UNIQUE NULLS NOT DISTINCT("tenant_id","hour","phone_number_id","template_id","campaign_id","error_code")
);
--> statement-breakpoint
CREATE TABLE "analytics_message_hourly" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"phone_number_id" uuid,
	"template_id" uuid,
	"campaign_id" uuid,
	"category" text,
	"market" text,
	"sent" bigint DEFAULT 0 NOT NULL,
	"delivered" bigint DEFAULT 0 NOT NULL,
	"read" bigint DEFAULT 0 NOT NULL,
	"failed" bigint DEFAULT 0 NOT NULL,
	"replies" bigint DEFAULT 0 NOT NULL,
	"conversations_opened" bigint DEFAULT 0 NOT NULL,
	"conversations_resolved" bigint DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"markup_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_message_hourly_key" UNIQUE NULLS NOT DISTINCT("tenant_id","hour","phone_number_id","template_id","campaign_id","category","market")
);
--> statement-breakpoint
CREATE TABLE "analytics_minute" (
	"tenant_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"phone_number_id" uuid,
	"sent" bigint DEFAULT 0 NOT NULL,
	"delivered" bigint DEFAULT 0 NOT NULL,
	"read" bigint DEFAULT 0 NOT NULL,
	"failed" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_minute_key" UNIQUE NULLS NOT DISTINCT("tenant_id","minute","phone_number_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "meta_retries" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bot_knowledge_chunks" ADD CONSTRAINT "bot_knowledge_chunks_document_id_bot_knowledge_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."bot_knowledge_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_knowledge_documents" ADD CONSTRAINT "bot_knowledge_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_pair_pace" ADD CONSTRAINT "bot_pair_pace_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_agent_hourly" ADD CONSTRAINT "analytics_agent_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_bot_hourly" ADD CONSTRAINT "analytics_bot_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_failure_hourly" ADD CONSTRAINT "analytics_failure_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_message_hourly" ADD CONSTRAINT "analytics_message_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_minute" ADD CONSTRAINT "analytics_minute_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_knowledge_chunks_search_idx" ON "bot_knowledge_chunks" USING gin ("search");--> statement-breakpoint
CREATE INDEX "bot_knowledge_chunks_tenant_idx" ON "bot_knowledge_chunks" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "bot_knowledge_documents_tenant_idx" ON "bot_knowledge_documents" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "analytics_minute_time_idx" ON "analytics_minute" USING btree ("minute");