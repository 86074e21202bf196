CREATE TABLE "template_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor" text NOT NULL,
	"source" text NOT NULL,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "source" text DEFAULT 'charla' NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "meta_status" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "meta_status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "last_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "template_status_history" ADD CONSTRAINT "template_status_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_status_history" ADD CONSTRAINT "template_status_history_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_status_history_template_idx" ON "template_status_history" USING btree ("template_id","at");--> statement-breakpoint
CREATE INDEX "templates_status_review_idx" ON "templates" USING btree ("status","review_requested_at");--> statement-breakpoint
CREATE INDEX "templates_meta_id_idx" ON "templates" USING btree ("meta_template_id");