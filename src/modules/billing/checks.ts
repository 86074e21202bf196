import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { post, postingSum } from "./ledger.ts";
import { billingAccounts, billingMessages, ledgerPostings } from "./schema.ts";
import { releasePosting } from "./settle.ts";

/** Releases reservations older than the timeout (Meta said nothing): the money is the tenant's again. */
export async function releaseExpired(context: TxContext, olderThan: Date, limit = 500): Promise<number> {
  const rows = await context.tx
    .select()
    .from(billingMessages)
    .where(and(eq(billingMessages.state, "reserved"), lt(billingMessages.acceptedAt, olderThan)))
    .orderBy(asc(billingMessages.messageId))
    .limit(limit)
    .for("update", { skipLocked: true });
  if (rows.length === 0) return 0;
  await post(
    context,
    rows.flatMap((row) => releasePosting(row)),
  );
  for (const row of rows)
    await context.tx
      .update(billingMessages)
      .set({ state: "released", settledAt: new Date() })
      .where(eq(billingMessages.messageId, row.messageId));
  return rows.length;
}

export interface LedgerCheck {
  /** Tenants whose cached balance is not the sum of their postings' wallet amounts. */
  balanceMismatches: { tenantId: string; cached: number; ledger: number }[];
  /** Postings whose amounts do not sum to zero (the table's check constraint refuses them; checked still). */
  unbalancedPostings: string[];
}

/** Whether the ledger passed its check. */
export const ledgerOk = (check: LedgerCheck) =>
  check.balanceMismatches.length === 0 && check.unbalancedPostings.length === 0;

/** The ledger's invariants: balance = sum of entries, and double entry. */
export async function checkLedger(db: Executor): Promise<LedgerCheck> {
  const sums = db
    .select({
      tenantId: ledgerPostings.tenantId,
      total: sql<string>`sum(${ledgerPostings.walletMicros})`.as("total"),
    })
    .from(ledgerPostings)
    .groupBy(ledgerPostings.tenantId)
    .as("sums");
  const balances = await db
    .select({
      tenantId: billingAccounts.tenantId,
      cached: billingAccounts.balanceMicros,
      ledger: sql<string>`coalesce(${sums.total}, 0)`,
    })
    .from(billingAccounts)
    .leftJoin(sums, eq(sums.tenantId, billingAccounts.tenantId));
  const unbalanced = await db
    .select({ postingId: ledgerPostings.id })
    .from(ledgerPostings)
    .where(sql`${postingSum} <> 0`);
  return {
    balanceMismatches: balances
      .map((row) => ({ tenantId: row.tenantId, cached: row.cached, ledger: Number(row.ledger) }))
      .filter((row) => row.cached !== row.ledger),
    unbalancedPostings: unbalanced.map((row) => row.postingId),
  };
}
