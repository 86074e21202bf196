import { asc, eq, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { sharedCache } from "../../db/cache.ts";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import { enqueue, type TxContext } from "../../jobs/queue.ts";
import { AppError, conflict, notFound } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import { type Actor, recordAudit } from "../accounts/index.ts";
import { recordHealthChanges } from "./health.ts";
import { tenantAccount } from "./lookups.ts";
import { NUMBERS_REFRESH_QUEUE } from "./queues.ts";
import { phoneNumbers, whatsappAccounts } from "./schema.ts";

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
