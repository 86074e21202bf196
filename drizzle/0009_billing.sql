CREATE TABLE "billing_accounts" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"balance_micros" bigint DEFAULT 0 NOT NULL,
	"credit_limit_micros" bigint DEFAULT 0 NOT NULL,
	"low_balance_micros" bigint,
	"low_balance_alerted" boolean DEFAULT false NOT NULL,
	"auth_international" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_entry_points" (
	"phone_number_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_at" timestamp with time zone NOT NULL,
	"opens_at" timestamp with time zone,
	CONSTRAINT "billing_entry_points_phone_number_id_contact_id_pk" PRIMARY KEY("phone_number_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "billing_markups" (
	"tenant_id" uuid NOT NULL,
	"category" text NOT NULL,
	"basis_points" integer NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_markups_tenant_id_category_pk" PRIMARY KEY("tenant_id","category")
);
--> statement-breakpoint
CREATE TABLE "billing_messages" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"phone_number_id" uuid NOT NULL,
	"template_id" uuid,
	"market" text NOT NULL,
	"currency" text NOT NULL,
	"estimated_category" text NOT NULL,
	"estimated_type" text NOT NULL,
	"tiered" boolean NOT NULL,
	"estimate_micros" bigint NOT NULL,
	"state" text NOT NULL,
	"meta_category" text,
	"meta_type" text,
	"cost_micros" bigint,
	"markup_micros" bigint,
	"discrepancy" text,
	"accepted_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_volumes" (
	"tenant_id" uuid NOT NULL,
	"month" text NOT NULL,
	"market" text NOT NULL,
	"category" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "billing_volumes_tenant_id_month_market_category_pk" PRIMARY KEY("tenant_id","month","market","category")
);
--> statement-breakpoint
CREATE TABLE "ledger_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account" text NOT NULL,
	"amount_micros" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"message_id" uuid,
	"reference" text,
	"reason" text,
	"author" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_card_rates" (
	"card_id" uuid NOT NULL,
	"market" text NOT NULL,
	"category" text NOT NULL,
	"tier_from" integer DEFAULT 1 NOT NULL,
	"rate_micros" bigint NOT NULL,
	CONSTRAINT "rate_card_rates_card_id_market_category_tier_from_pk" PRIMARY KEY("card_id","market","category","tier_from")
);
--> statement-breakpoint
CREATE TABLE "rate_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"currency" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_entry_points" ADD CONSTRAINT "billing_entry_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_markups" ADD CONSTRAINT "billing_markups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_messages" ADD CONSTRAINT "billing_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_volumes" ADD CONSTRAINT "billing_volumes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_posting_id_ledger_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."ledger_postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_card_rates" ADD CONSTRAINT "rate_card_rates_card_id_rate_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."rate_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_messages_open_idx" ON "billing_messages" USING btree ("accepted_at") WHERE "billing_messages"."state" = 'reserved';--> statement-breakpoint
CREATE INDEX "billing_messages_discrepancy_idx" ON "billing_messages" USING btree ("tenant_id","accepted_at") WHERE "billing_messages"."discrepancy" is not null;--> statement-breakpoint
CREATE INDEX "ledger_lines_posting_idx" ON "ledger_lines" USING btree ("posting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_key_idx" ON "ledger_postings" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "ledger_postings_tenant_idx" ON "ledger_postings" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rate_cards_version_idx" ON "rate_cards" USING btree ("currency","effective_from","version");