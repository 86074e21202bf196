import { randomBytes } from "node:crypto";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { executeKept } from "../../db/kept-plans.ts";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { formatMicros } from "./money.ts";
import { billingAccounts, LEDGER_ACCOUNTS, type LedgerAccount, ledgerPostings } from "./schema.ts";

export type { LedgerAccount };

/** The database column of an account's amount. */
const amountColumn = (account: LedgerAccount) => ledgerPostings[LEDGER_ACCOUNTS[account]].name;
const AMOUNT_COLUMNS = (Object.keys(LEDGER_ACCOUNTS) as LedgerAccount[]).map(amountColumn);
export type PostingKind = (typeof ledgerPostings.$inferInsert)["kind"];

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

/**
 * `n` UUIDs of version 7 (RFC 9562: the time in milliseconds first). Posting ids in time order put
 * a batch's postings and their lines at the end of the primary key indexes instead of on random
 * pages (random ids made those index inserts about twice as slow on PostgreSQL).
 */
export function timeOrderedIds(n: number, now = Date.now()): string[] {
  const random = randomBytes(16 * n);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = random.subarray(i * 16, i * 16 + 16);
    bytes.writeUIntBE(now, 0, 6);
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    ids.push(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    );
  }
  return ids;
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
 * twice. Wallet lines move the account's cached balance (in the same statement); crossing the
 * low-balance threshold emits `billing.low_balance` (once, until the balance is back above it). Returns how many
 * postings were new (a count, not their keys: a settled batch would send thousands of rows back).
 * `alongside`, data-modifying statements (settlement's update of its billing rows and volume
 * counters), run in the same statement: one round trip per batch.
 */
export async function post(
  context: TxContext,
  postings: PostingInput[],
  alongside: SQL[] = [],
): Promise<number> {
  // Each statement alongside is a CTE of the one statement.
  const also = alongside.map((statement, index) => sql`, ${sql.raw(`alongside${index}`)} as (${statement})`);
  if (postings.length === 0) {
    if (also.length > 0) await context.tx.execute(sql`with none as (select 1)${sql.join(also)} select 1`);
    return 0;
  }
  for (const posting of postings) {
    const sum = posting.lines.reduce((total, line) => total + line.amountMicros, 0);
    if (sum !== 0) throw new Error(`posting ${posting.key} does not balance (${sum})`);
  }
  // Once per key, also inside one batch (the lines join their posting by key).
  const unique = [
    ...new Map(postings.map((posting) => [`${posting.tenantId}/${posting.key}`, posting])).values(),
  ];
  // Each posting carries its amount per account (its lines) as columns. Only what is there goes in
  // the JSON (no nulls, no zero amounts: a missing key reads as null, the SQL makes it 0): every
  // key is parsed per row, and a charge moves four of the six accounts.
  const ids = timeOrderedIds(unique.length);
  const rows = unique.map((posting, index) => {
    const row: Record<string, string | number> = {
      id: ids[index]!,
      tenant_id: posting.tenantId,
      kind: posting.kind,
      key: posting.key,
      author: posting.author,
    };
    if (posting.messageId) row.message_id = posting.messageId;
    if (posting.reference != null) row.reference = posting.reference;
    if (posting.reason != null) row.reason = posting.reason;
    for (const line of posting.lines) {
      const column = amountColumn(line.account);
      row[column] = ((row[column] as number | undefined) ?? 0) + line.amountMicros;
    }
    return row;
  });
  // One statement whatever the batch: postings (skipping keys posted before), how many were
  // posted, and each wallet moved by them (locked in tenant order, so two batches never deadlock).
  // The batch arrives as `json`, not `jsonb`: read once, it need not be converted to the binary
  // form (about a tenth of the statement). Only the key decides a conflict (the ids are new).
  const result = await executeKept(
    context.tx,
    sql`
    with p as (
      insert into ledger_postings (id, tenant_id, kind, key, message_id, reference, reason, author,
        ${sql.raw(AMOUNT_COLUMNS.join(", "))})
      select id, tenant_id, kind, key, message_id, reference, reason, author,
        ${sql.raw(AMOUNT_COLUMNS.map((column) => `coalesce(${column}, 0)`).join(", "))}
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(
        id uuid, tenant_id uuid, kind text, key text, message_id uuid, reference text, reason text, author text,
        ${sql.raw(AMOUNT_COLUMNS.map((column) => `${column} bigint`).join(", "))})
      on conflict (tenant_id, key) do nothing
      returning tenant_id, wallet_micros),
    moved as (
      select tenant_id, sum(wallet_micros) as delta from p group by tenant_id having sum(wallet_micros) <> 0),
    locked as materialized (
      select a.tenant_id from billing_accounts a join moved using (tenant_id) order by a.tenant_id for update of a),
    account as (
      update billing_accounts a set balance_micros = a.balance_micros + moved.delta, updated_at = now()
      from moved join locked using (tenant_id) where a.tenant_id = moved.tenant_id
      returning a.tenant_id, a.currency, a.balance_micros, a.low_balance_micros, a.low_balance_alerted)${sql.join(also)}
    select null::text as tenant_id, count(*)::text as balance, null::text as currency, null::text as low, null::boolean as alerted from p
    union all
    select tenant_id::text, balance_micros::text, currency, low_balance_micros::text, low_balance_alerted from account`,
  );
  let posted = 0;
  const moved: MovedAccount[] = [];
  for (const row of (result as unknown as { rows: MovedRow[] }).rows) {
    if (row.tenant_id === null) posted = Number(row.balance);
    else
      moved.push({
        tenantId: row.tenant_id,
        currency: row.currency!,
        balanceMicros: Number(row.balance),
        lowBalanceMicros: row.low === null ? null : Number(row.low),
        lowBalanceAlerted: row.alerted === true,
      });
  }
  for (const account of moved.sort((a, b) => a.tenantId.localeCompare(b.tenantId)))
    await noteLowBalance(context, account);
  return posted;
}

interface MovedRow {
  tenant_id: string | null;
  balance: string;
  currency: string | null;
  low: string | null;
  alerted: boolean | null;
}

interface MovedAccount {
  tenantId: string;
  currency: string;
  balanceMicros: number;
  lowBalanceMicros: number | null;
  lowBalanceAlerted: boolean;
}

/** A wallet just moved: crossing its low-balance threshold (either way) flips the alert, raising the event when it goes below. */
async function noteLowBalance(context: TxContext, account: MovedAccount) {
  const { tenantId } = account;
  if (account.lowBalanceMicros === null) return;
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

/** The balance of one account of a tenant: the sum of its postings' amounts on it. */
export async function accountSum(db: Executor, tenantId: string, account: LedgerAccount): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${ledgerPostings[LEDGER_ACCOUNTS[account]]}), 0)` })
    .from(ledgerPostings)
    .where(eq(ledgerPostings.tenantId, tenantId));
  return Number(row?.sum ?? 0);
}

/** A posting's lines: the accounts it moves, with their amounts (in the accounts' order). */
export function postingLines(posting: typeof ledgerPostings.$inferSelect) {
  return (Object.keys(LEDGER_ACCOUNTS) as LedgerAccount[])
    .map((account) => ({ account, amountMicros: posting[LEDGER_ACCOUNTS[account]] }))
    .filter((line) => line.amountMicros !== 0);
}

/** The sum of a posting's amounts (zero for every stored posting: the table's check). */
export const postingSum = sql.join(
  Object.values(LEDGER_ACCOUNTS).map((field) => ledgerPostings[field]),
  sql` + `,
);

/** Lines that make up a top-up: money paid in becomes the tenant's. */
export const topUpLines = (amountMicros: number) => [
  { account: "wallet" as const, amountMicros },
  { account: "funding" as const, amountMicros: -amountMicros },
];
