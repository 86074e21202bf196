ALTER TABLE "ledger_postings" ADD COLUMN "wallet_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD COLUMN "reserved_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD COLUMN "funding_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD COLUMN "meta_cost_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD COLUMN "markup_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD COLUMN "adjustments_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each posting's lines become its amounts per account (a posting had at most one line per account).
UPDATE "ledger_postings" p SET
  "wallet_micros" = l.wallet, "reserved_micros" = l.reserved, "funding_micros" = l.funding,
  "meta_cost_micros" = l.meta_cost, "markup_micros" = l.markup, "adjustments_micros" = l.adjustments
FROM (
  SELECT "posting_id",
    coalesce(sum("amount_micros") FILTER (WHERE "account" = 'wallet'), 0) AS wallet,
    coalesce(sum("amount_micros") FILTER (WHERE "account" = 'reserved'), 0) AS reserved,
    coalesce(sum("amount_micros") FILTER (WHERE "account" = 'funding'), 0) AS funding,
    coalesce(sum("amount_micros") FILTER (WHERE "account" = 'meta_cost'), 0) AS meta_cost,
    coalesce(sum("amount_micros") FILTER (WHERE "account" = 'markup'), 0) AS markup,
    coalesce(sum("amount_micros") FILTER (WHERE "account" = 'adjustments'), 0) AS adjustments
  FROM "ledger_lines" GROUP BY "posting_id"
) l
WHERE p."id" = l."posting_id";--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_balanced" CHECK ("ledger_postings"."wallet_micros" + "ledger_postings"."reserved_micros" + "ledger_postings"."funding_micros" + "ledger_postings"."meta_cost_micros" + "ledger_postings"."markup_micros" + "ledger_postings"."adjustments_micros" = 0);--> statement-breakpoint
DROP TABLE "ledger_lines" CASCADE;
