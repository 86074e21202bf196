import { and, arrayContains, desc, eq, ilike, lt, or, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { decodeCursor, paginate } from "../../lib/cursor.ts";
import { contacts } from "./schema.ts";
import type { Contact } from "./service.ts";

export interface ContactFilters {
  /** Part of the name or of the phone number. */
  q?: string;
  tag?: string;
  limit: number;
  cursor?: string;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The tenant's contacts, newest first, searched by name or phone and filtered by tag. */
export async function listContacts(
  db: Executor,
  tenantId: string,
  filters: ContactFilters,
): Promise<{ data: Contact[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [eq(contacts.tenantId, tenantId)];
  const q = filters.q?.trim();
  if (q) {
    const digits = q.replace(/[^\d]/g, "");
    where.push(
      or(
        ilike(contacts.name, likePattern(q)),
        digits ? ilike(contacts.phone, likePattern(digits)) : undefined,
      ),
    );
  }
  if (filters.tag) where.push(arrayContains(contacts.tags, [filters.tag]));
  if (filters.cursor) {
    const { at, id } = decodeCursor(filters.cursor);
    where.push(or(lt(contacts.createdAt, at), and(eq(contacts.createdAt, at), lt(contacts.id, id))));
  }
  const rows = await db
    .select()
    .from(contacts)
    .where(and(...where))
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(filters.limit + 1);
  return paginate(rows, filters.limit, (row) => ({ at: row.createdAt, id: row.id }));
}
