import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { consentEvents, contacts } from "./schema.ts";

/** One contact of a bulk write (an import batch); phones are E.164 and unique within the batch. */
export interface BulkContact {
  phone: string;
  name?: string;
  attributes: Record<string, unknown>;
  tags: string[];
  optedInAt?: Date;
}

export interface BulkConsent {
  contactId: string;
  source: string;
  evidence: Record<string, unknown>;
  at: Date;
}

const tuples = (rows: SQL[]) => sql.join(rows, sql`, `);

/**
 * Creates or merges many contacts in one statement, like `upsertContact`: a given name replaces
 * the stored one, attributes merge, tags unite, and the later opt-in wins. Returns each contact's
 * id and whether it was created.
 */
export async function upsertContactsBulk(
  db: Executor,
  tenantId: string,
  rows: BulkContact[],
): Promise<{ id: string; phone: string; created: boolean }[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (row) =>
      sql`(${tenantId}::uuid, ${row.phone}, ${row.phone.slice(1)}, ${row.name ?? null}, ${JSON.stringify(row.attributes)}::jsonb, array(select jsonb_array_elements_text(${JSON.stringify(row.tags)}::jsonb)), ${row.optedInAt?.toISOString() ?? null}::timestamptz)`,
  );
  const result = await db.execute(sql`
    insert into ${contacts} as c (tenant_id, phone, wa_id, name, attributes, tags, opted_in_at)
    values ${tuples(values)}
    on conflict (tenant_id, phone) do update set
      name = coalesce(excluded.name, c.name),
      attributes = c.attributes || excluded.attributes,
      tags = array(select distinct t from unnest(c.tags || excluded.tags) t),
      opted_in_at = greatest(c.opted_in_at, excluded.opted_in_at),
      updated_at = now()
    returning c.id, c.phone, (c.xmax = 0) as created`);
  return (result as unknown as { rows: { id: string; phone: string; created: boolean }[] }).rows;
}

/** Records many opt-ins in one statement; one already recorded (same contact, source and time) is not repeated. */
export async function recordConsentBulk(
  db: Executor,
  tenantId: string,
  events: BulkConsent[],
): Promise<void> {
  if (events.length === 0) return;
  const values = events.map(
    (event) =>
      sql`(${event.contactId}::uuid, ${event.source}::text, ${JSON.stringify(event.evidence)}::jsonb, ${event.at.toISOString()}::timestamptz)`,
  );
  await db.execute(sql`
    insert into ${consentEvents} (tenant_id, contact_id, kind, source, evidence, at)
    select ${tenantId}::uuid, v.contact_id, 'opt_in', v.source, v.evidence, v.at
    from (values ${tuples(values)}) as v(contact_id, source, evidence, at)
    where not exists (
      select 1 from ${consentEvents} e
      where e.contact_id = v.contact_id and e.kind = 'opt_in' and e.source = v.source and e.at = v.at
    )`);
}
