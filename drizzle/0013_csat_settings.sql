CREATE TABLE "csat_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"template_name" text,
	"template_language" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "csat_settings" ADD CONSTRAINT "csat_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;