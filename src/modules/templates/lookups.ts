import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { templates } from "./schema.ts";

/** A tenant's templates by id: name, language and Meta's quality score (another tenant's ids are absent). */
export async function templateLabels(db: Executor, tenantId: string, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { name: string; language: string; qualityScore: string | null }>();
  const rows = await db
    .select({
      id: templates.id,
      name: templates.name,
      language: templates.language,
      qualityScore: templates.qualityScore,
    })
    .from(templates)
    .where(and(eq(templates.tenantId, tenantId), inArray(templates.id, [...new Set(ids)])));
  return new Map(rows.map(({ id, ...label }) => [id, label]));
}
