ALTER TABLE "ledger_lines" DROP CONSTRAINT "ledger_lines_posting_id_ledger_postings_id_fk";
--> statement-breakpoint
DROP INDEX "ledger_lines_posting_idx";--> statement-breakpoint
ALTER TABLE "ledger_lines" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_posting_id_account_pk" PRIMARY KEY("posting_id","account");
