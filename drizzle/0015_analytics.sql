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
ALTER TABLE "analytics_agent_hourly" ADD CONSTRAINT "analytics_agent_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_bot_hourly" ADD CONSTRAINT "analytics_bot_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_failure_hourly" ADD CONSTRAINT "analytics_failure_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_message_hourly" ADD CONSTRAINT "analytics_message_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_minute" ADD CONSTRAINT "analytics_minute_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_minute_time_idx" ON "analytics_minute" USING btree ("minute");