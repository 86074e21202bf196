import { z } from "zod";
import { unprocessable } from "../../lib/problem.ts";
import { MoneyError, toMicros } from "./money.ts";

/** An amount as a decimal string ("25", "12.50"): never a JSON number, so no float touches money. */
export const amountInput = z
  .string()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, "a decimal amount with at most 6 decimals");
export const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM");

export function amountMicros(text: string): number {
  try {
    return toMicros(text);
  } catch (error) {
    if (error instanceof MoneyError) throw unprocessable("amount_invalid", error.message);
    throw error;
  }
}

export const currentMonth = () => new Date().toISOString().slice(0, 7);
