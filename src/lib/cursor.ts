import { badRequest } from "./problem.ts";

/** A page cursor: the sort timestamp and id of the last row seen, base64url; stable under inserts. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime()))
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
