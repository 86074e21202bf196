ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_tenant_id_tenants_id_fk";
