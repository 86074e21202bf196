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
ALTER TABLE "bot_knowledge_chunks" ADD CONSTRAINT "bot_knowledge_chunks_document_id_bot_knowledge_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."bot_knowledge_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_knowledge_documents" ADD CONSTRAINT "bot_knowledge_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_pair_pace" ADD CONSTRAINT "bot_pair_pace_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_knowledge_chunks_search_idx" ON "bot_knowledge_chunks" USING gin ("search");--> statement-breakpoint
CREATE INDEX "bot_knowledge_chunks_tenant_idx" ON "bot_knowledge_chunks" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "bot_knowledge_documents_tenant_idx" ON "bot_knowledge_documents" USING btree ("tenant_id","created_at");