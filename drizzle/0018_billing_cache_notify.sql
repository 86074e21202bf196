-- Cross-process cache invalidation (src/db/cache.ts) for billing's per-process caches: a new rate
-- card NOTIFYs "rate_cards:<currency>", a changed markup "billing_markups:<tenant_id>".
CREATE TRIGGER rate_cards_cache_notify AFTER INSERT OR UPDATE OR DELETE ON rate_cards
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('currency');
--> statement-breakpoint
CREATE TRIGGER billing_markups_cache_notify AFTER INSERT OR UPDATE OR DELETE ON billing_markups
  FOR EACH ROW EXECUTE FUNCTION charla_cache_notify('tenant_id');
