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

/** One member table's next ids after `after` for one segment or list (a range scan of its primary key). */
function nextMembers(
  table: "segment" | "list",
  id: string,
  tenantId: string,
  after: string | null,
  limit: number,
) {
  const from = after ? sql` and m.contact_id > ${after}::uuid` : sql``;
  return table === "segment"
    ? sql`(select m.contact_id from ${segmentMembers} m join ${segments} s on s.id = m.segment_id
        where m.segment_id = ${id}::uuid and s.tenant_id = ${tenantId}${from} order by m.contact_id limit ${limit})`
    : sql`(select m.contact_id from ${contactListMembers} m join ${contactLists} l on l.id = m.list_id
        where m.list_id = ${id}::uuid and l.tenant_id = ${tenantId}${from} order by m.contact_id limit ${limit})`;
}

/** Whether a contact (`c.id`) is a member of any of these segments or lists of the tenant: index lookups. */
function memberOfAny(tenantId: string, segmentIds: string[], listIds: string[]): SQL {
  const parts: SQL[] = [];
  if (segmentIds.length > 0)
    parts.push(sql`exists (select 1 from ${segmentMembers} m join ${segments} s on s.id = m.segment_id
      where s.tenant_id = ${tenantId} and m.segment_id in (${idList(segmentIds)}) and m.contact_id = c.id)`);
  if (listIds.length > 0)
    parts.push(sql`exists (select 1 from ${contactListMembers} m join ${contactLists} l on l.id = m.list_id
      where l.tenant_id = ${tenantId} and m.list_id in (${idList(listIds)}) and m.contact_id = c.id)`);
  return parts.length === 0 ? sql`false` : sql.join(parts, sql` or `);
}

/**
 * The next `limit` ids of the audience's included segments and lists after `after`, in id order
 * (`id`), each with whether it is in the audience (`member`: the tenant's contact, not excluded).
 * Every segment and list is read from `after` on its primary key, so a chunk costs the same at the
 * start and at the end of a million-contact audience (the whole-audience SQL, keyset-filtered
 * afterwards, hashed every member again for each chunk). The caller's cursor moves to the last
 * `id` whatever `member` says, and fewer than `limit` rows mean the audience is exhausted.
 */
export function audienceChunkSql(
  tenantId: string,
  spec: AudienceSpec,
  after: string | null,
  limit: number,
): SQL {
  const scans = [
    ...validIds(spec.segmentIds).map((id) => nextMembers("segment", id, tenantId, after, limit)),
    ...validIds(spec.listIds).map((id) => nextMembers("list", id, tenantId, after, limit)),
  ];
  if (scans.length === 0) return sql`select null::uuid as id, false as member where false`;
  const excluded = memberOfAny(tenantId, validIds(spec.excludeSegmentIds), validIds(spec.excludeListIds));
  return sql`
    with candidates as (
      select distinct u.contact_id as id from (${sql.join(scans, sql` union all `)}) u order by 1 limit ${limit}
    )
    select c.id, (exists (select 1 from ${contacts} k where k.id = c.id and k.tenant_id = ${tenantId})
      and not (${excluded})) as member
    from candidates c order by c.id`;
}
