/**
 * TEMPORARY stand-in (campaigns branch) for the audiences module being built on the `audience`
 * branch: same signature; replaced by that branch at merge. Selects every contact of the tenant.
 */
import { type SQL, sql } from "drizzle-orm";

export interface AudienceSpec {
  segmentIds?: string[];
  listIds?: string[];
  excludeSegmentIds?: string[];
  excludeListIds?: string[];
}

export function audienceContactIdsSql(tenantId: string, _spec: AudienceSpec): SQL {
  return sql`select id from contacts where tenant_id = ${tenantId}`;
}
