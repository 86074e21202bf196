import { and, asc, eq, sql } from "drizzle-orm";
import { sharedCache } from "../../db/cache.ts";
import type { Db, Executor } from "../../db/client.ts";
import { AppError, notFound } from "../../lib/problem.ts";
import { numberRateBuckets, phoneNumbers } from "./schema.ts";
import type { PhoneNumberRow } from "./service.ts";

/** Sending numbers by tenant and `from`: any change to a tenant's numbers reaches every process by NOTIFY. */
const senderCache = sharedCache<PhoneNumberRow | undefined>({ ttlMs: 30_000 });

/** The number a message goes out from: the one named (our id or Meta's) or the tenant's first. */
export async function senderNumber(db: Executor, tenantId: string, from?: string): Promise<PhoneNumberRow> {
  const row = await senderCache.get(
    db,
    `${tenantId}|${from ?? ""}`,
    async () => {
      const [found] = await db
        .select()
        .from(phoneNumbers)
        .where(senderNumberWhere(tenantId, from))
        .orderBy(asc(phoneNumbers.createdAt))
        .limit(1);
      return found;
    },
    () => [`phone_numbers:${tenantId}`],
  );
  return usableSender(row, from);
}

/** The tenant's number named by `from` (Charla's id or Meta's); without `from`, all (oldest first picks). */
export function senderNumberWhere(tenantId: string, from?: string) {
  const isUuid = from && /^[0-9a-f-]{36}$/i.test(from);
  return and(
    eq(phoneNumbers.tenantId, tenantId),
    from ? (isUuid ? eq(phoneNumbers.id, from) : eq(phoneNumbers.phoneNumberId, from)) : undefined,
  );
}

/** The number senderNumberWhere found, if it can send; otherwise the problem that says why not. */
export function usableSender(row: PhoneNumberRow | undefined, from?: string): PhoneNumberRow {
  if (!row) {
    throw from
      ? notFound(`Phone number ${from}`, "phone_number_not_found")
      : new AppError(422, "no_phone_number", "Connect a WhatsApp Business Account with a phone number first");
  }
  if (row.status !== "connected") {
    throw new AppError(
      422,
      "phone_number_not_connected",
      `Phone number ${row.displayPhoneNumber} is ${row.status}`,
    );
  }
  return row;
}

/**
 * Takes up to `want` tokens from the number's bucket (capacity one second of throughput) in one
 * atomic statement, so every worker on every machine shares the same limit. Returns how many
 * were granted and, when none, how long until one is available.
 */
export async function takeSendTokens(
  db: Db,
  numberId: string,
  perSecond: number,
  want: number,
): Promise<{ granted: number; waitMs: number }> {
  await db
    .insert(numberRateBuckets)
    .values({ phoneNumberId: numberId, tokens: perSecond })
    .onConflictDoNothing();
  const result = await db.execute<{ granted: number; available: number }>(sql`
    with current as (
      select least(${perSecond}::float8, tokens + extract(epoch from clock_timestamp() - refilled_at) * ${perSecond}::float8) as available
      from number_rate_buckets where phone_number_id = ${numberId} for update
    )
    update number_rate_buckets b
       set tokens = current.available - least(${want}::int, floor(current.available)::int),
           refilled_at = clock_timestamp()
      from current
     where b.phone_number_id = ${numberId}
    returning least(${want}::int, floor(current.available)::int) as granted, current.available as available`);
  const row = (result as unknown as { rows: { granted: number; available: number }[] }).rows[0];
  const granted = Number(row?.granted ?? 0);
  const available = Number(row?.available ?? 0);
  return { granted, waitMs: granted > 0 ? 0 : Math.ceil(((1 - available) / perSecond) * 1000) };
}
