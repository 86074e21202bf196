import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { contacts } from "./schema.ts";
import type { Contact } from "./service.ts";

/** The tenant's contacts among `ids`, in one statement (bulk sends read them chunk by chunk). */
export async function contactsByIds(db: Executor, tenantId: string, ids: string[]): Promise<Contact[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, ids)));
}
