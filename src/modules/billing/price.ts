import { and, eq } from "drizzle-orm";
import { sharedCache } from "../../db/cache.ts";
import type { Executor } from "../../db/client.ts";
import { markupOf } from "./money.ts";
import type { Category, PricingDecision } from "./pricing.ts";
import { cardAt, cardsOf, type RateCard, rateOf, rateTable } from "./rates.ts";
import { billingMarkups, billingVolumes } from "./schema.ts";
import { billingSettings } from "./settings.ts";

export interface Price {
  costMicros: number;
  markupMicros: number;
  totalMicros: number;
}

export const FREE: Price = { costMicros: 0, markupMicros: 0, totalMicros: 0 };

/** The calendar month (UTC) a volume tier counts in: "2026-11". */
export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** A volume counter's key: tenant, month, market and rate category. */
export const volumeKey = (tenantId: string, month: string, market: string, category: string) =>
  `${tenantId}/${month}/${market}/${category}`;

export interface PriceQuery {
  tenantId: string;
  currency: string;
  market: string;
  decision: PricingDecision;
  at: Date;
}

/**
 * Prices messages for one batch: Meta's cost from the card in force on the message's date, the
 * markup of the tenant's category, the volume tier of the month. The cards and markups come from
 * per-process caches that every process drops when they change (NOTIFY), and are remembered for
 * the batch.
 */
export class Pricer {
  readonly db: Executor;
  private readonly cards = new Map<string, Promise<RateCard[]>>();
  private readonly markups = new Map<string, Promise<number>>();
  /** Markups already computed (a batch prices many messages at the same rate and markup). */
  private readonly markupAmounts = new Map<string, number>();
  /** Each volume counter's next rank, as read once for the batch. */
  private readonly counts = new Map<string, Promise<number>>();

  constructor(db: Executor) {
    this.db = db;
  }

  /** Meta's cost and the markup; null when the card in force has no rate for the market and category. */
  async price(query: PriceQuery, nth: number | null): Promise<Price | null> {
    const { decision } = query;
    if (!decision.billable) return FREE;
    let cards = this.cards.get(query.currency);
    if (!cards) {
      cards = cardsOf(this.db, query.currency);
      this.cards.set(query.currency, cards);
    }
    const card = cardAt(await cards, query.at);
    if (!card) return null;
    const cost = rateOf(await rateTable(this.db, card.id), query.market, decision.rateCategory, nth);
    if (cost === null) return null;
    const bps = await this.markupBps(query.tenantId, decision.category);
    let markup = this.markupAmounts.get(`${cost}/${bps}`);
    if (markup === undefined) {
      markup = markupOf(cost, bps);
      this.markupAmounts.set(`${cost}/${bps}`, markup);
    }
    return { costMicros: cost, markupMicros: markup, totalMicros: cost + markup };
  }

  /** The markup of a tenant's category: its own, else the tenant's "*", else the default. */
  markupBps(tenantId: string, category: Category): Promise<number> {
    const key = `${tenantId}/${category}`;
    let found = this.markups.get(key);
    if (!found) {
      found = markupBps(this.db, tenantId, category);
      this.markups.set(key, found);
    }
    return found;
  }

  /**
   * The month's count so far + 1 (an estimate looks without counting), read once per counter for
   * the batch: a reservation of a thousand utility messages to one market asked it a thousand times
   * (0.3 ms each on PGlite), and nothing a batch reserves moves the count.
   */
  nextNth(query: PriceQuery): Promise<number> {
    const month = monthOf(query.at);
    const key = volumeKey(query.tenantId, month, query.market, query.decision.rateCategory);
    let found = this.counts.get(key);
    if (!found) {
      found = this.db
        .select({ count: billingVolumes.count })
        .from(billingVolumes)
        .where(
          and(
            eq(billingVolumes.tenantId, query.tenantId),
            eq(billingVolumes.month, month),
            eq(billingVolumes.market, query.market),
            eq(billingVolumes.category, query.decision.rateCategory),
          ),
        )
        .then(([row]) => (row?.count ?? 0) + 1);
      this.counts.set(key, found);
    }
    return found;
  }
}

/**
 * Each tenant's markups (category or "*" -> basis points), kept per process: a change NOTIFYs
 * "billing_markups:<tenant>" (migration 0018), which drops the entry in every process.
 */
const tenantMarkups = sharedCache<Record<string, number>>({ ttlMs: 60_000, inTransactions: true });

export async function markupBps(db: Executor, tenantId: string, category: Category): Promise<number> {
  const markups = await tenantMarkups.get(
    db,
    tenantId,
    async () => {
      const rows = await db
        .select({ category: billingMarkups.category, basisPoints: billingMarkups.basisPoints })
        .from(billingMarkups)
        .where(eq(billingMarkups.tenantId, tenantId));
      return Object.fromEntries(rows.map((row) => [row.category, row.basisPoints]));
    },
    () => [`billing_markups:${tenantId}`],
  );
  return markups[category] ?? markups["*"] ?? billingSettings().defaultMarkupBps;
}
