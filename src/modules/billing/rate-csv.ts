import { parse } from "csv-parse/sync";
import { marketByName } from "./markets.ts";
import { MoneyError, toMicros } from "./money.ts";
import { type Category, normaliseCategory } from "./pricing.ts";

export interface ParsedRate {
  market: string;
  category: Category;
  tierFrom: number;
  rateMicros: number;
}

export class RateCardFormatError extends Error {}

const CATEGORY_COLUMNS: Record<string, Category> = {
  marketing: "marketing",
  utility: "utility",
  authentication: "authentication",
  "authentication-international": "authentication-international",
  "authentication international": "authentication-international",
  service: "service",
};
const EMPTY = new Set(["", "n/a", "na", "-", "—"]);

const header = (cell: string) => cell.trim().toLowerCase();

/**
 * Reads Meta's published rate card CSV. Two layouts (Meta's files are not in our store, so the
 * layout is the one its pages describe): the base card, one row per market with a column per
 * category (`Market, Currency, Marketing, Utility, Authentication, Authentication-International,
 * Service`), and the volume tier card, one row per tier (`Market, Currency, Category, Tier, Rate`,
 * Tier as "from:to" or "from+", as Meta's tier webhook writes it). Lines before the header (titles,
 * notes, "#" comments) are skipped; empty or "n/a" cells mean no rate.
 */
export function parseRateCardCsv(text: string): { rates: ParsedRate[]; currency: string | null } {
  let records: string[][];
  try {
    records = parse(text, {
      relaxColumnCount: true,
      skipEmptyLines: true,
      comment: "#",
      trim: true,
    });
  } catch (error) {
    throw new RateCardFormatError(`not a CSV file: ${(error as Error).message}`);
  }
  const start = records.findIndex((row) => row.some((cell) => header(cell) === "market"));
  if (start < 0) throw new RateCardFormatError("no header row with a Market column");
  const columns = records[start]!.map(header);
  const at = (name: string) => columns.indexOf(name);
  const tiered = at("tier") >= 0;
  const rates: ParsedRate[] = [];
  let currency: string | null = null;
  for (const [offset, row] of records.slice(start + 1).entries()) {
    const line = start + offset + 2;
    const marketCell = row[at("market")] ?? "";
    if (!marketCell) continue;
    const market = marketByName(marketCell);
    if (!market) throw new RateCardFormatError(`line ${line}: unknown market "${marketCell}"`);
    const rowCurrency = at("currency") >= 0 ? row[at("currency")]?.toUpperCase() : undefined;
    if (rowCurrency) {
      if (currency && rowCurrency !== currency)
        throw new RateCardFormatError(`line ${line}: mixed currencies`);
      currency = rowCurrency;
    }
    try {
      if (tiered) rates.push(tierRow(row, at, market));
      else rates.push(...baseRow(row, columns, market));
    } catch (error) {
      if (error instanceof MoneyError || error instanceof RateCardFormatError)
        throw new RateCardFormatError(`line ${line}: ${error.message}`);
      throw error;
    }
  }
  if (rates.length === 0) throw new RateCardFormatError("the file has no rates");
  return { rates, currency };
}

function baseRow(row: string[], columns: string[], market: string): ParsedRate[] {
  const rates: ParsedRate[] = [];
  for (const [index, column] of columns.entries()) {
    const category = CATEGORY_COLUMNS[column];
    const cell = row[index]?.trim() ?? "";
    if (!category || EMPTY.has(cell.toLowerCase())) continue;
    rates.push({ market, category, tierFrom: 1, rateMicros: toMicros(cell) });
  }
  return rates;
}

function tierRow(row: string[], at: (name: string) => number, market: string): ParsedRate {
  const category = normaliseCategory(row[at("category")]);
  const tier = (row[at("tier")] ?? "").replaceAll(",", "");
  const match = /^(\d+)\s*(?::\s*\d+|\+|-\s*\d+)?$/.exec(tier);
  if (!match) throw new RateCardFormatError(`bad tier "${tier}"`);
  const rateCell = row[at("rate")] ?? "";
  const tierFrom = Math.max(1, Number(match[1]));
  if (tierFrom > 2_147_483_647) throw new RateCardFormatError(`tier "${tier}" is out of range`);
  return { market, category, tierFrom, rateMicros: toMicros(rateCell) };
}
