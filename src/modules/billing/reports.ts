import { and, desc, eq, gte, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { decodeCursor, paginate } from "../../lib/cursor.ts";
import { postingLines } from "./ledger.ts";
import { formatMicros } from "./money.ts";
import { billingAccounts, billingMessages, ledgerPostings } from "./schema.ts";

export interface Period {
  from: Date;
  to: Date;
}

/** A calendar month "2026-11" as [from, to). */
export function monthPeriod(month: string): Period {
  const from = new Date(`${month}-01T00:00:00Z`);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1);
  return { from, to };
}

/**
 * A tenant's postings, newest first, each with its lines; paged by a cursor (a batch's postings
 * share their time, so the cursor carries the id too).
 */
export async function listLedger(
  db: Executor,
  tenantId: string,
  filter: { kind?: string[]; from?: Date; to?: Date; limit: number; cursor?: string },
) {
  const conditions = [eq(ledgerPostings.tenantId, tenantId)];
  if (filter.kind?.length) conditions.push(inArray(ledgerPostings.kind, filter.kind as never[]));
  if (filter.from) conditions.push(gte(ledgerPostings.createdAt, filter.from));
  if (filter.to) conditions.push(lt(ledgerPostings.createdAt, filter.to));
  if (filter.cursor) {
    const { at, id } = decodeCursor(filter.cursor);
    conditions.push(
      or(lt(ledgerPostings.createdAt, at), and(eq(ledgerPostings.createdAt, at), lt(ledgerPostings.id, id)))!,
    );
  }
  const page = paginate(
    await db
      .select()
      .from(ledgerPostings)
      .where(and(...conditions))
      .orderBy(desc(ledgerPostings.createdAt), desc(ledgerPostings.id))
      .limit(filter.limit + 1),
    filter.limit,
    (row) => ({ at: row.createdAt, id: row.id }),
  );
  const data = page.data.map((posting) => {
    const {
      tenantId: _tenant,
      walletMicros: _wallet,
      reservedMicros: _reserved,
      fundingMicros: _funding,
      metaCostMicros: _cost,
      markupMicros: _markup,
      adjustmentsMicros: _adjustments,
      ...shown
    } = posting;
    const lines = postingLines(posting).map((line) => ({ ...line, amount: formatMicros(line.amountMicros) }));
    return { ...shown, lines };
  });
  return { data, nextCursor: page.nextCursor };
}

export const SPEND_GROUPS = ["day", "category", "market", "number", "template"] as const;
export type SpendGroup = (typeof SPEND_GROUPS)[number];

const groupColumn = {
  day: sql<string>`to_char(${billingMessages.acceptedAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  category: sql<string>`coalesce(${billingMessages.metaCategory}, ${billingMessages.estimatedCategory})`,
  market: sql<string>`${billingMessages.market}`,
  number: sql<string>`${billingMessages.phoneNumberId}::text`,
  template: sql<string>`coalesce(${billingMessages.templateId}::text, 'none')`,
} satisfies Record<SpendGroup, unknown>;

/** Charged messages of a period (net of refunds) grouped by day, category, market, number or template. */
export async function spend(db: Executor, tenantId: string, groupBy: SpendGroup, period: Period) {
  const key = groupColumn[groupBy];
  const rows = await db
    .select({
      key,
      messages: sql<number>`count(*)::int`,
      cost: sql<string>`coalesce(sum(${billingMessages.costMicros}), 0)`,
      markup: sql<string>`coalesce(sum(${billingMessages.markupMicros}), 0)`,
    })
    .from(billingMessages)
    .where(
      and(
        eq(billingMessages.tenantId, tenantId),
        eq(billingMessages.state, "charged"),
        gte(billingMessages.acceptedAt, period.from),
        lt(billingMessages.acceptedAt, period.to),
      ),
    )
    .groupBy(key)
    .orderBy(key);
  return rows.map((row) => moneyRow(row.key, row.messages, Number(row.cost), Number(row.markup)));
}

function moneyRow(key: string, messages: number, cost: number, markup: number) {
  return {
    key,
    messages,
    metaCost: formatMicros(cost),
    markup: formatMicros(markup),
    total: formatMicros(cost + markup),
    totalMicros: cost + markup,
  };
}

/** One line per charged message of a month, for the statement. */
export async function statementLines(db: Executor, tenantId: string, period: Period) {
  return db
    .select()
    .from(billingMessages)
    .where(
      and(
        eq(billingMessages.tenantId, tenantId),
        eq(billingMessages.state, "charged"),
        gte(billingMessages.acceptedAt, period.from),
        lt(billingMessages.acceptedAt, period.to),
      ),
    )
    .orderBy(billingMessages.acceptedAt, billingMessages.messageId);
}

/** The platform's margin per tenant over a period: Meta's cost and the markup earned (from the ledger). */
export async function margins(db: Executor, period: Period) {
  const rows = await db
    .select({
      tenantId: ledgerPostings.tenantId,
      currency: billingAccounts.currency,
      cost: sql<string>`coalesce(sum(${ledgerPostings.metaCostMicros}), 0)`,
      markup: sql<string>`coalesce(sum(${ledgerPostings.markupMicros}), 0)`,
    })
    .from(ledgerPostings)
    .innerJoin(billingAccounts, eq(billingAccounts.tenantId, ledgerPostings.tenantId))
    .where(
      and(
        or(ne(ledgerPostings.metaCostMicros, 0), ne(ledgerPostings.markupMicros, 0)),
        gte(ledgerPostings.createdAt, period.from),
        lt(ledgerPostings.createdAt, period.to),
      ),
    )
    .groupBy(ledgerPostings.tenantId, billingAccounts.currency)
    .orderBy(ledgerPostings.tenantId);
  return rows.map((row) => ({
    tenantId: row.tenantId,
    currency: row.currency,
    metaCost: formatMicros(Number(row.cost)),
    markup: formatMicros(Number(row.markup)),
    revenue: formatMicros(Number(row.cost) + Number(row.markup)),
  }));
}

/** Messages where Charla's estimate and Meta's pricing object disagreed. */
export async function discrepancies(db: Executor, tenantId: string, limit: number) {
  return db
    .select()
    .from(billingMessages)
    .where(and(eq(billingMessages.tenantId, tenantId), isNotNull(billingMessages.discrepancy)))
    .orderBy(desc(billingMessages.acceptedAt))
    .limit(limit);
}

export function billedMessageView(row: typeof billingMessages.$inferSelect) {
  const { tenantId: _tenant, ...rest } = row;
  return {
    ...rest,
    estimate: formatMicros(row.estimateMicros),
    metaCost: row.costMicros === null ? null : formatMicros(row.costMicros),
    markup: row.markupMicros === null ? null : formatMicros(row.markupMicros),
  };
}
