import { type SQL, sql } from "drizzle-orm";
import { contactsTable as contacts } from "../contacts/index.ts";
import { contactListMembers, contactLists, segmentMembers, segments } from "./schema.ts";

export interface AudienceSpec {
  segmentIds?: string[];
  listIds?: string[];
  excludeSegmentIds?: string[];
  excludeListIds?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs match nothing (instead of failing the cast). */
const validIds = (ids: string[] | undefined) => [...new Set((ids ?? []).filter((id) => UUID.test(id)))];

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Contact ids in the tenant's segments (as last refreshed) and lists: another tenant's ids match nothing. */
function memberIds(tenantId: string, segmentIds: string[], listIds: string[]): SQL | undefined {
  const parts: SQL[] = [];
  if (segmentIds.length > 0)
    parts.push(
      sql`select ${segmentMembers.contactId} from ${segmentMembers} join ${segments} on ${segments.id} = ${segmentMembers.segmentId} where ${segments.tenantId} = ${tenantId} and ${segmentMembers.segmentId} in (${idList(segmentIds)})`,
    );
  if (listIds.length > 0)
    parts.push(
      sql`select ${contactListMembers.contactId} from ${contactListMembers} join ${contactLists} on ${contactLists.id} = ${contactListMembers.listId} where ${contactLists.tenantId} = ${tenantId} and ${contactListMembers.listId} in (${idList(listIds)})`,
    );
  return parts.length === 0 ? undefined : sql.join(parts, sql` union `);
}

/**
 * SQL (drizzle `sql`) that selects one column `id`: the tenant's contacts in the audience
 * (segments ∪ lists, minus the exclusions). No consent filtering: callers count exclusions by
 * reason. Ids of another tenant match nothing. Segments count as of their last refresh: call
 * `refreshSegments` first (a campaign's launch does) so dynamic rules (last inbound...) are current.
 */
export function audienceContactIdsSql(tenantId: string, spec: AudienceSpec): SQL {
  const included = memberIds(tenantId, validIds(spec.segmentIds), validIds(spec.listIds));
  if (!included) return sql`select ${contacts.id} as id from ${contacts} where false`;
  const excluded = memberIds(tenantId, validIds(spec.excludeSegmentIds), validIds(spec.excludeListIds));
  return sql`select ${contacts.id} as id from ${contacts} where ${contacts.tenantId} = ${tenantId} and ${contacts.id} in (${included})${
    excluded ? sql` and ${contacts.id} not in (${excluded})` : sql``
  }`;
}
