import { sql } from "drizzle-orm";
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

// A batch travels as one JSON parameter read by jsonb_to_recordset, not thousands of bound
// parameters: building those (a query fragment and a parameter object per value) allocated
// kilobytes per row that a million-row import's heap had to absorb.

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
  const values = JSON.stringify(
    rows.map((row) => ({
      phone: row.phone,
      name: row.name ?? null,
      attributes: row.attributes,
      tags: row.tags,
      opted_in_at: row.optedInAt?.toISOString() ?? null,
    })),
  );
  const result = await db.execute(sql`
    insert into ${contacts} as c (tenant_id, phone, wa_id, name, attributes, tags, opted_in_at)
    select ${tenantId}::uuid, v.phone, substr(v.phone, 2), v.name, v.attributes,
      array(select jsonb_array_elements_text(v.tags)), v.opted_in_at
    from jsonb_to_recordset(${values}::jsonb)
      as v(phone text, name text, attributes jsonb, tags jsonb, opted_in_at timestamptz)
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
  const values = JSON.stringify(
    events.map((event) => ({
      contact_id: event.contactId,
      source: event.source,
      evidence: event.evidence,
      at: event.at.toISOString(),
    })),
  );
  await db.execute(sql`
    insert into ${consentEvents} (tenant_id, contact_id, kind, source, evidence, at)
    select ${tenantId}::uuid, v.contact_id, 'opt_in', v.source, v.evidence, v.at
    from jsonb_to_recordset(${values}::jsonb) as v(contact_id uuid, source text, evidence jsonb, at timestamptz)
    where not exists (
      select 1 from ${consentEvents} e
      where e.contact_id = v.contact_id and e.kind = 'opt_in' and e.source = v.source and e.at = v.at
    )`);
}
