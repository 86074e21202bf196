CREATE TABLE "analytics_failure_daily" (
	"tenant_id" uuid NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"phone_number_id" uuid,
	"template_id" uuid,
	"campaign_id" uuid,
	"error_code" integer NOT NULL,
	"failed" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_failure_daily_key" UNIQUE NULLS NOT DISTINCT("tenant_id","day","phone_number_id","template_id","campaign_id","error_code")
);
--> statement-breakpoint
CREATE TABLE "analytics_message_daily" (
	"tenant_id" uuid NOT NULL,
	"day" timestamp with time zone NOT NULL,
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
	CONSTRAINT "analytics_message_daily_key" UNIQUE NULLS NOT DISTINCT("tenant_id","day","phone_number_id","template_id","campaign_id","category","market")
);
--> statement-breakpoint
CREATE TABLE "analytics_template_hourly" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"template_id" uuid NOT NULL,
	"delivered" bigint DEFAULT 0 NOT NULL,
	"read" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_template_hourly_key" UNIQUE("tenant_id","hour","template_id")
);
--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_failure_daily" ADD CONSTRAINT "analytics_failure_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_message_daily" ADD CONSTRAINT "analytics_message_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_template_hourly" ADD CONSTRAINT "analytics_template_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_language" CHECK ("push_subscriptions"."language" in ('es', 'en', 'pt'));--> statement-breakpoint
-- Backfill: the daily and per-template rollups from the hourly rows already kept.
INSERT INTO "analytics_message_daily" ("tenant_id", "day", "phone_number_id", "template_id", "campaign_id", "category", "market", "sent", "delivered", "read", "failed", "replies", "conversations_opened", "conversations_resolved", "cost_micros", "markup_micros")
SELECT "tenant_id", date_trunc('day', "hour" at time zone 'UTC') at time zone 'UTC', "phone_number_id", "template_id", "campaign_id", "category", "market", sum("sent"), sum("delivered"), sum("read"), sum("failed"), sum("replies"), sum("conversations_opened"), sum("conversations_resolved"), sum("cost_micros"), sum("markup_micros")
FROM "analytics_message_hourly" GROUP BY 1, 2, 3, 4, 5, 6, 7;--> statement-breakpoint
INSERT INTO "analytics_failure_daily" ("tenant_id", "day", "phone_number_id", "template_id", "campaign_id", "error_code", "failed")
SELECT "tenant_id", date_trunc('day', "hour" at time zone 'UTC') at time zone 'UTC', "phone_number_id", "template_id", "campaign_id", "error_code", sum("failed")
FROM "analytics_failure_hourly" GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
INSERT INTO "analytics_template_hourly" ("tenant_id", "hour", "template_id", "delivered", "read")
SELECT "tenant_id", "hour", "template_id", sum("delivered"), sum("read")
FROM "analytics_message_hourly" WHERE "template_id" IS NOT NULL GROUP BY 1, 2, 3 HAVING sum("delivered") <> 0 OR sum("read") <> 0;
