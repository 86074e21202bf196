import { Decimal } from "decimal.js";

/**
 * Money is integer micro-units (1 unit of the currency = 1,000,000) in a JavaScript number, kept
 * a safe integer: no floats anywhere in billing. Decimal is used only to convert text to micros
 * and to round the markup.
 *
 * Rounding policy: a rate finer than a micro-unit is refused at import; the markup of each message
 * is cost x basis points / 10,000 rounded half up to the micro-unit; totals are sums of per-message
 * lines, so a statement always equals its ledger.
 */
export const MICROS_PER_UNIT = 1_000_000;

export class MoneyError extends Error {}

function safe(value: number): number {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`amount out of range: ${value}`);
  return value;
}

/** "0.0618", "$0.0618", "1,250.5" -> micros. Refuses amounts finer than a micro-unit. */
export function toMicros(text: string): number {
  const cleaned = text
    .trim()
    .replace(/^[^\d-]+/, "")
    .replaceAll(",", "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) throw new MoneyError(`not an amount: ${text}`);
  const micros = new Decimal(cleaned).times(MICROS_PER_UNIT);
  if (!micros.isInteger()) throw new MoneyError(`finer than a micro-unit: ${text}`);
  return safe(micros.toNumber());
}

/** micros -> "12.345600" (six decimals, exact). */
export function formatMicros(micros: number): string {
  return new Decimal(safe(micros)).dividedBy(MICROS_PER_UNIT).toFixed(6);
}

/** The markup of a cost: cost x bps / 10,000, half up to the micro-unit. */
export function markupOf(costMicros: number, basisPoints: number): number {
  const value = new Decimal(safe(costMicros)).times(basisPoints).dividedBy(10_000);
  return safe(value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber());
}
