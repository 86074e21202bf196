-- Cross-process cache invalidation (src/db/cache.ts): a change to a row hot paths cache NOTIFYs
-- "<table>:<key column>" on charla_cache, delivered at commit to every process that LISTENs.
CREATE OR REPLACE FUNCTION charla_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('charla_cache', TG_TABLE_NAME || ':' || coalesce(
    (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END) ->> TG_ARGV[0], ''));
  IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(NEW) ->> TG_ARGV[0]) THEN
    PERFORM pg_notify('charla_cache', TG_TABLE_NAME || ':' || coalesce(to_jsonb(OLD) ->> TG_ARGV[0], ''));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_keys_cache_notify AFTER INSERT OR UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('prefix');
--> statement-breakpoint
CREATE TRIGGER tenants_cache_notify AFTER UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('id');
--> statement-breakpoint
CREATE TRIGGER phone_numbers_cache_notify AFTER INSERT OR UPDATE OR DELETE ON phone_numbers
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('tenant_id');
--> statement-breakpoint
CREATE TRIGGER whatsapp_accounts_cache_notify AFTER UPDATE OR DELETE ON whatsapp_accounts
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('id');
--> statement-breakpoint
CREATE TRIGGER templates_cache_notify AFTER INSERT OR UPDATE OR DELETE ON templates
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('tenant_id');
