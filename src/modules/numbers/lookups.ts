import { inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { whatsappAccounts } from "./schema.ts";

/** The accounts (id, tenant) with these WABA ids. */
export async function accountsByWaba(db: Executor, wabaIds: string[]) {
  if (wabaIds.length === 0) return [];
  return db
    .select({ id: whatsappAccounts.id, tenantId: whatsappAccounts.tenantId, wabaId: whatsappAccounts.wabaId })
    .from(whatsappAccounts)
    .where(inArray(whatsappAccounts.wabaId, wabaIds));
}
