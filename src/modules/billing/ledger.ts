import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { formatMicros } from "./money.ts";
import { billingAccounts, ledgerLines, ledgerPostings } from "./schema.ts";

export type PostingKind = (typeof ledgerPostings.$inferInsert)["kind"];
export type LedgerAccount = (typeof ledgerLines.$inferInsert)["account"];

export interface PostingInput {
  tenantId: string;
  kind: PostingKind;
  /** Unique per tenant: the posting happens once whatever repeats it. */
  key: string;
  messageId?: string | null;
  reference?: string | null;
  reason?: string | null;
  author: string;
  lines: { account: LedgerAccount; amountMicros: number }[];
}

/** What the customer webhook `billing.low_balance` carries. */
export interface LowBalanceData {
  currency: string;
  balance: string;
  threshold: string;
  balanceMicros: number;
  thresholdMicros: number;
}

/**
 * Appends postings (each a set of lines summing to zero) in the caller's transaction. A posting
 * whose key exists already is skipped, with its lines: a repeated or late webhook never posts
 * twice. Wallet lines move the account's cached balance; crossing the low-balance threshold
 * emits `billing.low_balance` (once, until the balance is back above it). Returns the keys posted.
 */
export async function post(context: TxContext, postings: PostingInput[]): Promise<Set<string>> {
  const posted = new Set<string>();
  if (postings.length === 0) return posted;
  for (const posting of postings) {
    const sum = posting.lines.reduce((total, line) => total + line.amountMicros, 0);
    if (sum !== 0) throw new Error(`posting ${posting.key} does not balance (${sum})`);
  }
  const { tx } = context;
  const inserted = await tx
    .insert(ledgerPostings)
    .values(postings.map(({ lines: _lines, ...posting }) => posting))
    .onConflictDoNothing()
    .returning({ id: ledgerPostings.id, tenantId: ledgerPostings.tenantId, key: ledgerPostings.key });
  if (inserted.length === 0) return posted;
  const byKey = new Map(postings.map((posting) => [`${posting.tenantId}/${posting.key}`, posting]));
  const lines: (typeof ledgerLines.$inferInsert)[] = [];
  const walletDelta = new Map<string, number>();
  for (const row of inserted) {
    posted.add(row.key);
    const posting = byKey.get(`${row.tenantId}/${row.key}`)!;
    for (const line of posting.lines) {
      if (line.amountMicros === 0) continue;
      lines.push({ postingId: row.id, tenantId: row.tenantId, ...line });
      if (line.account === "wallet")
        walletDelta.set(row.tenantId, (walletDelta.get(row.tenantId) ?? 0) + line.amountMicros);
    }
  }
  if (lines.length) await tx.insert(ledgerLines).values(lines);
  for (const [tenantId, delta] of [...walletDelta].sort(([a], [b]) => a.localeCompare(b)))
    await moveBalance(context, tenantId, delta);
  return posted;
}

async function moveBalance(context: TxContext, tenantId: string, delta: number) {
  const [account] = await context.tx
    .update(billingAccounts)
    .set({ balanceMicros: sql`${billingAccounts.balanceMicros} + ${delta}`, updatedAt: new Date() })
    .where(eq(billingAccounts.tenantId, tenantId))
    .returning();
  if (!account || account.lowBalanceMicros === null) return;
  const below = account.balanceMicros < account.lowBalanceMicros;
  if (below === account.lowBalanceAlerted) return;
  await context.tx
    .update(billingAccounts)
    .set({ lowBalanceAlerted: below })
    .where(eq(billingAccounts.tenantId, tenantId));
  if (!below) return;
  const data: LowBalanceData = {
    currency: account.currency,
    balance: formatMicros(account.balanceMicros),
    threshold: formatMicros(account.lowBalanceMicros),
    balanceMicros: account.balanceMicros,
    thresholdMicros: account.lowBalanceMicros,
  };
  await emit(context, { type: "billing.low_balance", tenantId, data });
}

/** The balance of one account of a tenant: the sum of its lines. */
export async function accountSum(db: Executor, tenantId: string, account: LedgerAccount): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${ledgerLines.amountMicros}), 0)` })
    .from(ledgerLines)
    .where(and(eq(ledgerLines.tenantId, tenantId), eq(ledgerLines.account, account)));
  return Number(row?.sum ?? 0);
}

/** Lines that make up a top-up: money paid in becomes the tenant's. */
export const topUpLines = (amountMicros: number) => [
  { account: "wallet" as const, amountMicros },
  { account: "funding" as const, amountMicros: -amountMicros },
];
