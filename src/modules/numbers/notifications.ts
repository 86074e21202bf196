/**
 * Notifications review: template (business-initiated) sends of an account are allowed once a
 * platform admin has checked its use case against the policy (opt-in, no spam, no prohibited
 * categories). Until then sends are refused with `notifications_not_enabled`, saying what to do.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { invalidateLocally, sharedCache } from "../../db/cache.ts";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import { AppError, notFound, unprocessable } from "../../lib/problem.ts";
import { type Actor, actorLabel, recordAudit, tenantSummaries } from "../accounts/index.ts";
import { whatsappAccounts } from "./schema.ts";

export type NotificationsStatus = "enabled" | "pending_review" | "rejected";

export interface NotificationsEventData {
  accountId: string;
  wabaId: string;
  status: NotificationsStatus;
  note: string | null;
}

/** The three checks a platform admin confirms before enabling. */
export const USE_CASE_CHECKS = ["optIn", "noSpam", "noProhibitedCategories"] as const;

/** Throws the problem a template send gets while the account's notifications are not enabled. */
const reviewCache = sharedCache<
  | { status: (typeof whatsappAccounts.$inferSelect)["notificationsStatus"]; review: Record<string, unknown> }
  | undefined
>({ ttlMs: 30_000 });

export async function assertNotificationsEnabled(db: Executor, accountId: string): Promise<void> {
  const account = await reviewCache.get(
    db,
    accountId,
    async () =>
      (
        await db
          .select({
            status: whatsappAccounts.notificationsStatus,
            review: whatsappAccounts.notificationsReview,
          })
          .from(whatsappAccounts)
          .where(eq(whatsappAccounts.id, accountId))
      )[0],
    () => [`whatsapp_accounts:${accountId}`],
  );
  if (!account || account.status === "enabled") return;
  const declared = typeof account.review.useCase === "string";
  const detail =
    account.status === "rejected"
      ? `Template messages are refused for this account: the platform rejected its use case (${String(account.review.note ?? "no reason given")}). Fix it and declare the use case again (POST /v1/whatsapp-accounts/${accountId}/notifications).`
      : declared
        ? "Template messages wait for the platform to review this account's use case (opt-in, no spam, no prohibited categories); you will be notified when it is enabled."
        : `Template messages need the platform's review first: declare what you send and how contacts opt in (POST /v1/whatsapp-accounts/${accountId}/notifications).`;
  throw new AppError(403, "notifications_not_enabled", detail, {
    accountId,
    notificationsStatus: account.status,
  });
}

async function tenantAccountRow(db: Executor, tenantId: string | null, accountId: string) {
  const [account] = await db
    .select()
    .from(whatsappAccounts)
    .where(
      and(eq(whatsappAccounts.id, accountId), tenantId ? eq(whatsappAccounts.tenantId, tenantId) : undefined),
    );
  if (!account) throw notFound("WhatsApp account", "whatsapp_account_not_found");
  return account;
}

/** The tenant declares its use case; the account waits for (or goes back to) the platform's review. */
export async function declareUseCase(
  services: Pick<Services, "database">,
  tenantId: string,
  accountId: string,
  input: { useCase: string; optInSource: string; sampleMessage: string },
  actor: Actor,
) {
  const result = await services.database.db.transaction(async (tx) => {
    const account = await tenantAccountRow(tx, tenantId, accountId);
    const status: NotificationsStatus =
      account.notificationsStatus === "enabled" ? "enabled" : "pending_review";
    const review = { ...account.notificationsReview, ...input, declaredAt: new Date().toISOString() };
    await tx
      .update(whatsappAccounts)
      .set({ notificationsStatus: status, notificationsReview: review })
      .where(eq(whatsappAccounts.id, account.id));
    await recordAudit(tx, actor, {
      tenantId,
      action: "whatsapp_account.use_case_declared",
      targetType: "whatsapp_account",
      targetId: account.id,
      data: input,
    });
    return { accountId: account.id, notificationsStatus: status, review };
  });
  invalidateLocally(services.database.db, `whatsapp_accounts:${result.accountId}`);
  return result;
}

/** A platform admin enables (every check confirmed) or rejects (with a reason) an account's notifications. */
export async function reviewNotifications(
  services: Pick<Services, "database" | "boss">,
  accountId: string,
  input: {
    decision: "enable" | "reject";
    checks: Partial<Record<(typeof USE_CASE_CHECKS)[number], boolean>>;
    note?: string | undefined;
  },
  actor: Actor,
) {
  if (input.decision === "enable") {
    const unchecked = USE_CASE_CHECKS.filter((check) => input.checks[check] !== true);
    if (unchecked.length > 0) {
      throw unprocessable(
        "use_case_checks_incomplete",
        `Confirm every check before enabling: ${unchecked.join(", ")}`,
        { unchecked },
      );
    }
  } else if (!input.note) {
    throw unprocessable(
      "review_reason_required",
      "Say why the use case is rejected (note), so the tenant can fix it",
    );
  }
  const result = await services.database.db.transaction(async (tx) => {
    const account = await tenantAccountRow(tx, null, accountId);
    const status: NotificationsStatus = input.decision === "enable" ? "enabled" : "rejected";
    const review = {
      ...account.notificationsReview,
      checks: input.checks,
      note: input.note ?? null,
      reviewedBy: actorLabel(actor),
      reviewedAt: new Date().toISOString(),
    };
    await tx
      .update(whatsappAccounts)
      .set({ notificationsStatus: status, notificationsReview: review })
      .where(eq(whatsappAccounts.id, account.id));
    await recordAudit(tx, actor, {
      tenantId: account.tenantId,
      action: "whatsapp_account.notifications_reviewed",
      targetType: "whatsapp_account",
      targetId: account.id,
      data: { status, checks: input.checks, note: input.note ?? null },
    });
    await emit(
      { boss: services.boss, tx },
      {
        type: "whatsapp_account.notifications_updated",
        tenantId: account.tenantId,
        data: { accountId: account.id, wabaId: account.wabaId, status, note: input.note ?? null },
      },
    );
    return { accountId: account.id, notificationsStatus: status, review };
  });
  invalidateLocally(services.database.db, `whatsapp_accounts:${result.accountId}`);
  return result;
}

/** Accounts waiting for the platform's review, oldest first, with their tenant's name (platform admin). */
export async function pendingNotificationReviews(db: Executor) {
  const rows = await db
    .select({
      id: whatsappAccounts.id,
      tenantId: whatsappAccounts.tenantId,
      wabaId: whatsappAccounts.wabaId,
      name: whatsappAccounts.name,
      notificationsStatus: whatsappAccounts.notificationsStatus,
      notificationsReview: whatsappAccounts.notificationsReview,
      createdAt: whatsappAccounts.createdAt,
    })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.notificationsStatus, "pending_review"))
    .orderBy(asc(whatsappAccounts.createdAt));
  const tenants = await tenantSummaries(
    db,
    rows.map((row) => row.tenantId),
  );
  return rows.map((row) => ({ ...row, tenant: tenants.get(row.tenantId) ?? null }));
}
