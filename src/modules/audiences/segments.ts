import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { notFound } from "../../lib/problem.ts";
import { contactsTable as contacts } from "../contacts/index.ts";
import { segmentWhere } from "./compile.ts";
import type { SegmentGroup } from "./rules.ts";
import { segmentMembers, segments } from "./schema.ts";

export type Segment = typeof segments.$inferSelect;

/** How many of the tenant's contacts a rule group matches now, and the newest few of them. */
export async function previewSegment(db: Executor, tenantId: string, rules: SegmentGroup, sampleSize = 10) {
  const where = segmentWhere(tenantId, rules);
  const [counted] = await db.select({ count: sql<number>`count(*)::int` }).from(contacts).where(where);
  const sample = await db
    .select({ id: contacts.id, phone: contacts.phone, name: contacts.name, tags: contacts.tags })
    .from(contacts)
    .where(where)
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(sampleSize);
  return { count: counted?.count ?? 0, sample };
}

/** Recomputes who is in the segments (one delete and one insert each): campaigns read these members. */
export async function refreshSegments(db: Executor, tenantId: string, segmentIds: string[]): Promise<void> {
  if (segmentIds.length === 0) return;
  const rows = await db
    .select()
    .from(segments)
    .where(and(eq(segments.tenantId, tenantId), inArray(segments.id, segmentIds)));
  for (const segment of rows) {
    await db.delete(segmentMembers).where(eq(segmentMembers.segmentId, segment.id));
    await db.execute(
      sql`insert into ${segmentMembers} (segment_id, contact_id) select ${segment.id}, ${contacts.id} from ${contacts} where ${segmentWhere(tenantId, segment.rules)}`,
    );
    await db
      .update(segments)
      .set({
        memberCount: sql`(select count(*)::int from ${segmentMembers} where ${segmentMembers.segmentId} = ${segment.id})`,
        refreshedAt: new Date(),
      })
      .where(eq(segments.id, segment.id));
  }
}

export async function getSegment(db: Executor, tenantId: string, id: string): Promise<Segment> {
  const [segment] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.tenantId, tenantId), eq(segments.id, id)));
  if (!segment) throw notFound("Segment", "segment_not_found");
  return segment;
}

export async function listSegments(db: Executor, tenantId: string): Promise<Segment[]> {
  return db
    .select()
    .from(segments)
    .where(eq(segments.tenantId, tenantId))
    .orderBy(desc(segments.createdAt), desc(segments.id));
}

/** Saves a segment and materialises its members, in the caller's transaction. */
export async function createSegment(
  db: Executor,
  tenantId: string,
  input: { name: string; rules: SegmentGroup },
): Promise<Segment> {
  const [created] = await db
    .insert(segments)
    .values({ tenantId, ...input })
    .returning();
  if (!created) throw new Error("insert returned no row");
  await refreshSegments(db, tenantId, [created.id]);
  return getSegment(db, tenantId, created.id);
}

export async function updateSegment(
  db: Executor,
  tenantId: string,
  id: string,
  input: { name?: string; rules?: SegmentGroup },
): Promise<Segment> {
  await getSegment(db, tenantId, id);
  await db
    .update(segments)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(segments.tenantId, tenantId), eq(segments.id, id)));
  await refreshSegments(db, tenantId, [id]);
  return getSegment(db, tenantId, id);
}

export async function deleteSegment(db: Executor, tenantId: string, id: string): Promise<void> {
  await getSegment(db, tenantId, id);
  await db.delete(segments).where(and(eq(segments.tenantId, tenantId), eq(segments.id, id)));
}
