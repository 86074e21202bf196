import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { phoneNumbers, whatsappAccounts } from "./schema.ts";
import type { PhoneNumberRow } from "./service.ts";

/** The accounts (id, tenant) with these WABA ids. */
export async function accountsByWaba(db: Executor, wabaIds: string[]) {
  if (wabaIds.length === 0) return [];
  return db
    .select({ id: whatsappAccounts.id, tenantId: whatsappAccounts.tenantId, wabaId: whatsappAccounts.wabaId })
    .from(whatsappAccounts)
    .where(inArray(whatsappAccounts.wabaId, wabaIds));
}

/** The numbers with these ids, by id. */
export async function numbersByIds(db: Executor, ids: string[]): Promise<Map<string, PhoneNumberRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(phoneNumbers)
    .where(inArray(phoneNumbers.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The connected number Meta knows by this phone_number_id, if a tenant has it. */
export async function numberByMetaId(
  db: Executor,
  phoneNumberId: string,
): Promise<PhoneNumberRow | undefined> {
  const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.phoneNumberId, phoneNumberId));
  return row;
}

/** Charla's ids of the accounts with these WABA ids. */
export async function accountIdsByWaba(db: Executor, wabaIds: string[]): Promise<string[]> {
  if (wabaIds.length === 0) return [];
  const rows = await db
    .select({ id: whatsappAccounts.id })
    .from(whatsappAccounts)
    .where(inArray(whatsappAccounts.wabaId, wabaIds));
  return rows.map((row) => row.id);
}

/** Ids of the accounts of a tenant (or of every tenant), optionally just one, oldest first. */
export async function accountIds(
  db: Executor,
  filter: { tenantId?: string | undefined; accountId?: string | undefined },
): Promise<string[]> {
  const rows = await db
    .select({ id: whatsappAccounts.id })
    .from(whatsappAccounts)
    .where(
      and(
        filter.tenantId ? eq(whatsappAccounts.tenantId, filter.tenantId) : undefined,
        filter.accountId ? eq(whatsappAccounts.id, filter.accountId) : undefined,
      ),
    )
    .orderBy(asc(whatsappAccounts.createdAt));
  return rows.map((row) => row.id);
}

/** The tenant's account named by id or WABA id, else its first; undefined when none matches. */
export async function tenantAccount(
  db: Executor,
  tenantId: string,
  input: { accountId?: string | undefined; wabaId?: string | undefined },
): Promise<{ id: string; wabaId: string } | undefined> {
  const [account] = await db
    .select({ id: whatsappAccounts.id, wabaId: whatsappAccounts.wabaId })
    .from(whatsappAccounts)
    .where(
      and(
        eq(whatsappAccounts.tenantId, tenantId),
        input.accountId ? eq(whatsappAccounts.id, input.accountId) : undefined,
        input.wabaId ? eq(whatsappAccounts.wabaId, input.wabaId) : undefined,
      ),
    )
    .orderBy(asc(whatsappAccounts.createdAt))
    .limit(1);
  return account;
}

/** The tenant's account with this WABA id and its numbers, if it is connected. */
export async function connectedAccount(db: Executor, tenantId: string, wabaId: string) {
  const [account] = await db
    .select()
    .from(whatsappAccounts)
    .where(and(eq(whatsappAccounts.tenantId, tenantId), eq(whatsappAccounts.wabaId, wabaId)));
  if (!account) return null;
  return {
    account,
    phoneNumbers: await db.select().from(phoneNumbers).where(eq(phoneNumbers.accountId, account.id)),
  };
}
