import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { invalidateLocally } from "../../db/cache.ts";
import type { Executor } from "../../db/client.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { conflict, notFound, unprocessable } from "../../lib/problem.ts";
import { post, topUpLines } from "./ledger.ts";
import { formatMicros } from "./money.ts";
import { ensureDefaultRateCard } from "./rates.ts";
import { billingAccounts, billingMarkups, billingMessages } from "./schema.ts";

export type Wallet = typeof billingAccounts.$inferSelect;

export async function getWallet(db: Executor, tenantId: string): Promise<Wallet | null> {
  const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
  return row ?? null;
}

/** What the API shows of a wallet. */
export function walletView(wallet: Wallet | null) {
  if (!wallet) return { enforced: false as const };
  return {
    enforced: true as const,
    currency: wallet.currency,
    balance: formatMicros(wallet.balanceMicros),
    balanceMicros: wallet.balanceMicros,
    creditLimit: formatMicros(wallet.creditLimitMicros),
    creditLimitMicros: wallet.creditLimitMicros,
    lowBalanceThreshold: wallet.lowBalanceMicros === null ? null : formatMicros(wallet.lowBalanceMicros),
    lowBalance: wallet.lowBalanceMicros !== null && wallet.balanceMicros < wallet.lowBalanceMicros,
    authInternational: wallet.authInternational,
  };
}

export interface WalletSettings {
  currency?: string;
  creditLimitMicros?: number;
  lowBalanceMicros?: number | null;
  authInternational?: boolean;
}

/** Opens a tenant's wallet (billing then applies to its sends) or changes its settings. */
export async function configureWallet(
  db: Executor,
  tenantId: string,
  settings: WalletSettings,
): Promise<Wallet> {
  const existing = await getWallet(db, tenantId);
  if (existing && settings.currency && settings.currency !== existing.currency)
    throw conflict(
      "wallet_currency_fixed",
      `The wallet is in ${existing.currency}; its currency cannot change`,
    );
  if (!existing && !settings.currency)
    throw unprocessable("wallet_currency_required", "Say the wallet's currency");
  await ensureDefaultRateCard(db);
  const values = {
    ...(settings.creditLimitMicros !== undefined ? { creditLimitMicros: settings.creditLimitMicros } : {}),
    ...(settings.lowBalanceMicros !== undefined ? { lowBalanceMicros: settings.lowBalanceMicros } : {}),
    ...(settings.authInternational !== undefined ? { authInternational: settings.authInternational } : {}),
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(billingAccounts)
    .values({ tenantId, currency: settings.currency ?? existing!.currency, ...values })
    .onConflictDoUpdate({ target: billingAccounts.tenantId, set: values })
    .returning();
  return row!;
}

async function requireWallet(db: Executor, tenantId: string): Promise<Wallet> {
  const wallet = await getWallet(db, tenantId);
  if (!wallet) throw notFound("The tenant's wallet", "wallet_not_found");
  return wallet;
}

/**
 * Credits a top-up, once per key: a platform admin's reference ("admin:<reference>") or a payment
 * provider's payment id ("provider:<id>"). Returns false when that key was credited already.
 */
export async function topUp(
  context: TxContext,
  input: { tenantId: string; amountMicros: number; key: string; reference: string; author: string },
): Promise<boolean> {
  if (input.amountMicros <= 0) throw unprocessable("amount_invalid", "A top-up must be positive");
  await requireWallet(context.tx, input.tenantId);
  const posted = await post(context, [
    {
      tenantId: input.tenantId,
      kind: "top_up",
      key: `top_up:${input.key}`,
      reference: input.reference,
      author: input.author,
      lines: topUpLines(input.amountMicros),
    },
  ]);
  return posted > 0;
}

/** A manual correction of the wallet, with its reason and author. */
export async function adjust(
  context: TxContext,
  input: { tenantId: string; amountMicros: number; reason: string; author: string },
): Promise<void> {
  if (input.amountMicros === 0) throw unprocessable("amount_invalid", "An adjustment cannot be zero");
  await requireWallet(context.tx, input.tenantId);
  await post(context, [
    {
      tenantId: input.tenantId,
      kind: "adjustment",
      key: `adjustment:${randomUUID()}`,
      reason: input.reason,
      author: input.author,
      lines: [
        { account: "wallet", amountMicros: input.amountMicros },
        { account: "adjustments", amountMicros: -input.amountMicros },
      ],
    },
  ]);
}

/** Gives a charged message's price back to the wallet (Meta's cost and the markup reversed, once). */
export async function refundMessage(
  context: TxContext,
  input: { tenantId: string; messageId: string; reason: string; author: string },
): Promise<boolean> {
  const [row] = await context.tx
    .select()
    .from(billingMessages)
    .where(and(eq(billingMessages.tenantId, input.tenantId), eq(billingMessages.messageId, input.messageId)));
  if (!row) throw notFound("The billed message", "billed_message_not_found");
  const cost = row.costMicros ?? 0;
  const markup = row.markupMicros ?? 0;
  if (row.state !== "charged" || cost + markup === 0)
    throw conflict("message_not_charged", "Only a charged message can be refunded");
  const posted = await post(context, [
    {
      tenantId: input.tenantId,
      kind: "refund",
      key: `refund:${input.messageId}`,
      messageId: input.messageId,
      reason: input.reason,
      author: input.author,
      lines: [
        { account: "wallet", amountMicros: cost + markup },
        { account: "meta_cost", amountMicros: -cost },
        { account: "markup", amountMicros: -markup },
      ],
    },
  ]);
  return posted > 0;
}

/** Sets a tenant's markup for a category ("*" = every category without its own). */
export async function setMarkup(
  db: Executor,
  input: { tenantId: string; category: string; basisPoints: number; author: string },
): Promise<void> {
  await db
    .insert(billingMarkups)
    .values({
      tenantId: input.tenantId,
      category: input.category,
      basisPoints: input.basisPoints,
      updatedBy: input.author,
    })
    .onConflictDoUpdate({
      target: [billingMarkups.tenantId, billingMarkups.category],
      set: { basisPoints: input.basisPoints, updatedBy: input.author, updatedAt: new Date() },
    });
  // This process prices at the new markup from now on (the others when the NOTIFY reaches them).
  invalidateLocally(db, `billing_markups:${input.tenantId}`);
}

export async function listMarkups(db: Executor, tenantId: string) {
  return db.select().from(billingMarkups).where(eq(billingMarkups.tenantId, tenantId));
}

/** Every tenant (id, slug, name) with its wallet or null, by name: the platform admin's billing overview. */
export async function tenantWallets(db: Executor) {
  const tenants = (await db.execute(
    sql`select id::text, slug, name from tenants order by name, id`,
  )) as unknown as { rows: { id: string; slug: string; name: string }[] };
  const wallets = new Map((await db.select().from(billingAccounts)).map((row) => [row.tenantId, row]));
  return tenants.rows.map((tenant) => ({ ...tenant, wallet: walletView(wallets.get(tenant.id) ?? null) }));
}
