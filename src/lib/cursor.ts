import { z } from "zod";
import { badRequest } from "./problem.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 0001-01-01 to 9999-12-31: what JS dates print as ISO 8601 and PostgreSQL's timestamptz holds. */
const EARLIEST_MS = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** A real date PostgreSQL can compare against (an Invalid Date or year 200000 would be a 500). */
export function isStorableDate(date: Date): boolean {
  const ms = date.getTime();
  return !Number.isNaN(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/** A date in a query string (ISO 8601 or epoch text), refused (400) outside years 1 to 9999. */
export const queryDate = z.coerce
  .date()
  .refine(isStorableDate, "Must be a date between the years 1 and 9999");

/** A page cursor: the sort timestamp and id of the last row seen, base64url; stable under inserts. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (rest.length > 0 || !id || !UUID.test(id) || !isStorableDate(date))
    throw badRequest("invalid_cursor", "The cursor is not one this API gave");
  return { at: date, id };
}

/**
 * Splits the `limit + 1` rows a list query fetched into the page and the cursor to the next one
 * (null on the last page); `key` gives a row's sort timestamp and id.
 */
export function paginate<T>(
  rows: T[],
  limit: number,
  key: (row: T) => { at: Date; id: string },
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  if (rows.length <= limit || last === undefined) return { data, nextCursor: null };
  const { at, id } = key(last);
  return { data, nextCursor: encodeCursor(at, id) };
}
