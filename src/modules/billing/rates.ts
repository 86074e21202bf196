import { readFileSync } from "node:fs";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { invalidateLocally, sharedCache } from "../../db/cache.ts";
import type { Executor } from "../../db/client.ts";
import { unprocessable } from "../../lib/problem.ts";
import { type ParsedRate, parseRateCardCsv, RateCardFormatError } from "./rate-csv.ts";
import { rateCardRates, rateCards } from "./schema.ts";

export type RateCard = typeof rateCards.$inferSelect;
export const DEFAULT_CARD = {
  file: new URL("./default-rate-card.csv", import.meta.url),
  currency: "USD",
  effectiveFrom: new Date("2026-01-01T00:00:00Z"),
  source:
    "Charla default: every market of Meta's USD card effective 2026-01-01, indicative (transcriptions and a derived INR card; see default-rate-card.csv)",
};

export interface ImportInput {
  csv: string;
  tiersCsv?: string;
  currency?: string;
  effectiveFrom: Date;
  source: string;
  importedBy: string;
}

/** Imports a card as a new version (cards are never edited in place). */
export async function importRateCard(
  db: Executor,
  input: ImportInput,
): Promise<RateCard & { rates: number }> {
  let rates: ParsedRate[];
  let currency: string | null;
  try {
    const base = parseRateCardCsv(input.csv);
    const tiers = input.tiersCsv ? parseRateCardCsv(input.tiersCsv) : { rates: [], currency: null };
    rates = [...base.rates, ...tiers.rates.filter((rate) => rate.tierFrom > 1)];
    currency = (input.currency ?? base.currency ?? tiers.currency)?.toUpperCase() ?? null;
  } catch (error) {
    if (error instanceof RateCardFormatError) throw unprocessable("rate_card_invalid", error.message);
    throw error;
  }
  if (!currency || !/^[A-Z]{3}$/.test(currency))
    throw unprocessable("rate_card_invalid", "Say the card's currency (a column or --currency)");
  const unique = new Map(rates.map((rate) => [`${rate.market}/${rate.category}/${rate.tierFrom}`, rate]));
  if (unique.size !== rates.length) throw unprocessable("rate_card_invalid", "A market and category repeat");
  const imported = await db.transaction(async (tx) => {
    // One import at a time per currency, so versions never collide.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate-card:${currency}`}, 0))`);
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${rateCards.version}), 0)` })
      .from(rateCards)
      .where(and(eq(rateCards.currency, currency), eq(rateCards.effectiveFrom, input.effectiveFrom)));
    const [card] = await tx
      .insert(rateCards)
      .values({
        currency,
        effectiveFrom: input.effectiveFrom,
        version: Number(last?.version ?? 0) + 1,
        source: input.source,
        importedBy: input.importedBy,
      })
      .returning();
    await tx.insert(rateCardRates).values(rates.map((rate) => ({ cardId: card!.id, ...rate })));
    return { ...card!, rates: rates.length };
  });
  // This process prices at the new card from now on (the others when the NOTIFY reaches them).
  invalidateLocally(db, `rate_cards:${currency}`);
  return imported;
}

/** Loads the shipped default card when no card of its currency exists yet. */
export async function ensureDefaultRateCard(db: Executor): Promise<void> {
  const [any] = await db
    .select({ id: rateCards.id })
    .from(rateCards)
    .where(eq(rateCards.currency, DEFAULT_CARD.currency))
    .limit(1);
  if (any) return;
  await importRateCard(db, {
    csv: readFileSync(DEFAULT_CARD.file, "utf8"),
    currency: DEFAULT_CARD.currency,
    effectiveFrom: DEFAULT_CARD.effectiveFrom,
    source: DEFAULT_CARD.source,
    importedBy: "system",
  });
}

/**
 * The cards of each currency (without their rates), newest first, kept per process: settlement
 * prices every batch of statuses at them. An import NOTIFYs "rate_cards:<currency>" (migration
 * 0018), which drops the entry in every process.
 */
const currencyCards = sharedCache<RateCard[]>({ ttlMs: 60_000, inTransactions: true });

export function cardsOf(db: Executor, currency: string): Promise<RateCard[]> {
  return currencyCards.get(
    db,
    currency,
    () =>
      db
        .select()
        .from(rateCards)
        .where(eq(rateCards.currency, currency))
        .orderBy(desc(rateCards.effectiveFrom), desc(rateCards.version)),
    () => [`rate_cards:${currency}`],
  );
}

/** The card in force at a moment among a currency's cards (newest first): the latest effective date, then the latest version. */
export const cardAt = (cards: RateCard[], at: Date): RateCard | null =>
  cards.find((card) => card.effectiveFrom.getTime() <= at.getTime()) ?? null;

/** The card in force for a currency at a moment. */
export async function cardInForce(db: Executor, currency: string, at: Date): Promise<RateCard | null> {
  return cardAt(await cardsOf(db, currency), at);
}

/** A card's rates: market -> category -> tiers (ascending). Cards never change, so this is cached. */
export type RateTable = Map<string, { tierFrom: number; rateMicros: number }[]>;
const tables = new Map<string, RateTable>();

export async function rateTable(db: Executor, cardId: string): Promise<RateTable> {
  const cached = tables.get(cardId);
  if (cached) return cached;
  const rows = await db
    .select()
    .from(rateCardRates)
    .where(eq(rateCardRates.cardId, cardId))
    .orderBy(asc(rateCardRates.tierFrom));
  const table: RateTable = new Map();
  for (const row of rows) {
    const key = `${row.market}/${row.category}`;
    const list = table.get(key) ?? [];
    list.push({ tierFrom: row.tierFrom, rateMicros: row.rateMicros });
    table.set(key, list);
  }
  if (tables.size > 100) tables.clear();
  tables.set(cardId, table);
  return table;
}

/**
 * The rate of a market and category for the `nth` charged message of the month (tiers), or the
 * base rate when `nth` is null. Null when the card has no rate for them.
 */
export function rateOf(
  table: RateTable,
  market: string,
  category: string,
  nth: number | null,
): number | null {
  const tiers = table.get(`${market}/${category}`);
  if (!tiers?.length) return null;
  if (nth === null) return tiers[0]!.rateMicros;
  let rate = tiers[0]!.rateMicros;
  for (const tier of tiers) if (tier.tierFrom <= nth) rate = tier.rateMicros;
  return rate;
}

export async function listRateCards(db: Executor) {
  return db.select().from(rateCards).orderBy(desc(rateCards.effectiveFrom), desc(rateCards.version));
}

export async function rateCardRows(db: Executor, cardId: string, market?: string) {
  return db
    .select()
    .from(rateCardRates)
    .where(
      market
        ? and(eq(rateCardRates.cardId, cardId), eq(rateCardRates.market, market))
        : eq(rateCardRates.cardId, cardId),
    )
    .orderBy(asc(rateCardRates.market), asc(rateCardRates.category), asc(rateCardRates.tierFrom));
}
