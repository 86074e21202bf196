import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { sharedCache } from "../../db/cache.ts";
import type { Db, Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import { enqueue, type TxContext } from "../../jobs/queue.ts";
import { AppError, conflict, notFound } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import { type Actor, recordAudit } from "../accounts/index.ts";
import { recordHealthChanges } from "./health.ts";
import { NUMBERS_REFRESH_QUEUE } from "./queues.ts";
import { numberRateBuckets, phoneNumbers, whatsappAccounts } from "./schema.ts";

export type PhoneNumberRow = typeof phoneNumbers.$inferSelect;
export type AccountRow = typeof whatsappAccounts.$inferSelect;

/** What Charla reads of each number (Meta's defaults and the display-name review's status). */
const PHONE_FIELDS = [
  "id",
  "display_phone_number",
  "verified_name",
  "quality_rating",
  "code_verification_status",
  "platform_type",
  "throughput",
  "messaging_limit_tier",
  "status",
  "name_status",
];

/** Cloud API default; Meta raises eligible numbers to 1,000 msg/s. */
export const DEFAULT_THROUGHPUT = 80;

/**
 * Connects a WhatsApp Business Account: the token is checked by listing the WABA's numbers
 * on the Cloud API, then the account (token encrypted) and its numbers are stored.
 */
export async function connectAccount(
  services: Pick<Services, "database" | "graph" | "secrets" | "boss">,
  tenantId: string,
  input: { wabaId: string; accessToken: string; name?: string | undefined },
  actor: Actor,
  /** Whether its template sends wait for the platform's review (the routes follow NOTIFICATIONS_REVIEW_REQUIRED). */
  options: { notifications?: "enabled" | "pending_review" } = {},
) {
  let numbers: Awaited<ReturnType<ReturnType<Services["graph"]["client"]>["getPhoneNumbers"]>>;
  try {
    numbers = await services.graph.client(input.accessToken).getPhoneNumbers(input.wabaId, PHONE_FIELDS);
  } catch (error) {
    if (error instanceof WhatsAppApiError) {
      throw new AppError(422, "whatsapp_account_rejected", `Meta refused the account: ${error.message}`, {
        metaCode: error.code,
      });
    }
    throw error;
  }
  const { db } = services.database;
  const [existing] = await db
    .select({ id: whatsappAccounts.id })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.wabaId, input.wabaId));
  if (existing) throw conflict("whatsapp_account_exists", `WABA ${input.wabaId} is already connected`);
  return db.transaction(async (tx) => {
    const [account] = await tx
      .insert(whatsappAccounts)
      .values({
        tenantId,
        wabaId: input.wabaId,
        name: input.name ?? `WABA ${input.wabaId}`,
        accessTokenSealed: services.secrets.seal(input.accessToken),
        notificationsStatus: options.notifications ?? "enabled",
      })
      .returning();
    if (!account) throw new Error("insert returned no row");
    const rows = numbers.data.length
      ? await tx
          .insert(phoneNumbers)
          .values(numbers.data.map((number) => numberValues(tenantId, account.id, number)))
          .returning()
      : [];
    await recordHealthChanges({ boss: services.boss, tx }, [], rows);
    // Templates the business already has at Meta (made in WhatsApp Manager) are imported by the
    // templates module's sync job, which it queues on this event.
    await emit(
      { boss: services.boss, tx },
      {
        type: "whatsapp_account.connected",
        tenantId,
        data: { accountId: account.id },
      },
    );
    await recordAudit(tx, actor, {
      tenantId,
      action: "whatsapp_account.connected",
      targetType: "whatsapp_account",
      targetId: account.id,
      data: { wabaId: input.wabaId, numbers: rows.map((row) => row.phoneNumberId) },
    });
    return { account: publicAccount(account), phoneNumbers: rows };
  });
}

type MetaPhoneNumber = Awaited<
  ReturnType<ReturnType<Services["graph"]["client"]>["getPhoneNumbers"]>
>["data"][number];

/** A number as Meta lists it, as Charla stores it. */
function numberValues(tenantId: string, accountId: string, number: MetaPhoneNumber) {
  return {
    tenantId,
    accountId,
    phoneNumberId: number.id,
    displayPhoneNumber: number.display_phone_number,
    verifiedName: number.verified_name ?? number.display_phone_number,
    qualityRating: number.quality_rating ?? "UNKNOWN",
    messagingLimitTier: number.messaging_limit_tier ?? null,
    nameStatus: number.name_status ?? null,
    throughputPerSecond: throughputOf(number.throughput?.level),
    status: statusOf(number.status),
  };
}

/**
 * Reads an account's numbers from Meta again (quality rating, messaging limit tier, throughput,
 * status; numbers added since are imported) and audits what changed. Run on Meta's quality
 * webhooks, hourly, and on request.
 */
export async function refreshAccountNumbers(
  services: Pick<Services, "database" | "graph" | "secrets" | "boss">,
  accountId: string,
): Promise<PhoneNumberRow[]> {
  const { db } = services.database;
  const { account, accessToken } = await accountToken(services, accountId);
  const listed = await services.graph.client(accessToken).getPhoneNumbers(account.wabaId, PHONE_FIELDS);
  if (listed.data.length === 0) return [];
  return db.transaction(async (tx) => {
    const before = await tx.select().from(phoneNumbers).where(eq(phoneNumbers.accountId, account.id));
    const rows = await tx
      .insert(phoneNumbers)
      .values(listed.data.map((number) => numberValues(account.tenantId, account.id, number)))
      .onConflictDoUpdate({
        target: phoneNumbers.phoneNumberId,
        set: {
          displayPhoneNumber: sql`excluded.display_phone_number`,
          verifiedName: sql`excluded.verified_name`,
          qualityRating: sql`excluded.quality_rating`,
          messagingLimitTier: sql`excluded.messaging_limit_tier`,
          nameStatus: sql`excluded.name_status`,
          throughputPerSecond: sql`excluded.throughput_per_second`,
          status: sql`excluded.status`,
          updatedAt: new Date(),
        },
        // A number Meta moved to another tenant's account is not taken over here.
        setWhere: eq(phoneNumbers.accountId, account.id),
      })
      .returning();
    await recordHealthChanges({ boss: services.boss, tx }, before, rows);
    const tracked = [
      "qualityRating",
      "messagingLimitTier",
      "throughputPerSecond",
      "status",
      "nameStatus",
    ] as const;
    for (const row of rows) {
      const old = before.find((number) => number.id === row.id);
      const changes = Object.fromEntries(
        tracked
          .filter((field) => !old || old[field] !== row[field])
          .map((field) => [field, { from: old?.[field] ?? null, to: row[field] }]),
      );
      if (Object.keys(changes).length === 0) continue;
      await recordAudit(
        tx,
        { kind: "system" },
        {
          tenantId: account.tenantId,
          action: old ? "phone_number.updated" : "phone_number.imported",
          targetType: "phone_number",
          targetId: row.id,
          data: changes,
        },
      );
    }
    return rows;
  });
}

/** Meta's number status as Charla's: only a CONNECTED number can send. */
function statusOf(status: string | undefined): "connected" | "pending" | "disconnected" {
  if (status === undefined || status === "CONNECTED") return "connected";
  return status === "PENDING" ? "pending" : "disconnected";
}

function throughputOf(level: string | undefined): number {
  return level === "HIGH" ? 1000 : DEFAULT_THROUGHPUT;
}

export function publicAccount({ accessTokenSealed: _sealed, ...account }: AccountRow) {
  return account;
}

export async function listAccounts(db: Executor, tenantId: string) {
  const rows = await db.select().from(whatsappAccounts).where(eq(whatsappAccounts.tenantId, tenantId));
  return rows.map(publicAccount);
}

export async function listPhoneNumbers(db: Executor, tenantId: string) {
  return db
    .select()
    .from(phoneNumbers)
    .where(eq(phoneNumbers.tenantId, tenantId))
    .orderBy(asc(phoneNumbers.createdAt));
}

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

const accountCache = sharedCache<AccountRow | undefined>({ ttlMs: 30_000 });

export async function accountToken(
  services: Pick<Services, "database" | "secrets">,
  accountId: string,
): Promise<{ account: AccountRow; accessToken: string }> {
  const { db } = services.database;
  const account = await accountCache.get(
    db,
    accountId,
    async () => (await db.select().from(whatsappAccounts).where(eq(whatsappAccounts.id, accountId)))[0],
    () => [`whatsapp_accounts:${accountId}`],
  );
  if (!account) throw notFound("WhatsApp account", "whatsapp_account_not_found");
  return { account, accessToken: services.secrets.open(account.accessTokenSealed) };
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

/** Asks for the accounts' numbers to be re-read from Meta (one job each, in the caller's transaction). */
export async function requestNumbersRefresh(context: TxContext, ids: string[]): Promise<void> {
  for (const accountId of ids) await enqueue(context, NUMBERS_REFRESH_QUEUE, { accountId });
}

/** Re-reads one of the tenant's accounts from Meta now; another tenant's account is not found. */
export async function refreshTenantAccount(
  services: Pick<Services, "database" | "graph" | "secrets" | "boss">,
  tenantId: string,
  accountId: string,
) {
  const account = await tenantAccount(services.database.db, tenantId, { accountId });
  if (!account) throw notFound("WhatsApp account", "whatsapp_account_not_found");
  return refreshAccountNumbers(services, account.id);
}
