import type { WebhookEvent } from "../../whatsapp/types.ts";

/**
 * Each stored row's events, by row id, until ingested: what the receiver and ingest of one process
 * share. The receiver has parsed and validated each body already, so ingest takes its events from
 * here instead of reading the body back and parsing it again. Rows stored by another process, or
 * no longer here (ingested, evicted, a failed batch), are read and parsed from the table as before.
 *
 * Nothing is kept until ingest has run in this process (an API process without workers keeps nothing).
 */
const byDatabase = new WeakMap<object, Map<number, WebhookEvent[]>>();
/** Entries kept at most (the oldest go first): rows another process ingests are never taken here. */
const MAX_ENTRIES = 20_000;

/** This process's parsed events; ingest calls it, which is what makes the receiver remember. */
export function parsedEvents(database: object): Map<number, WebhookEvent[]> {
  let events = byDatabase.get(database);
  if (!events) {
    events = new Map();
    byDatabase.set(database, events);
  }
  return events;
}

/**
 * Remembers stored rows' events (ids and events in the same order; undefined: not parsed).
 */
export function rememberParsed(
  database: object,
  ids: number[],
  events: (WebhookEvent[] | undefined)[],
): void {
  const map = byDatabase.get(database);
  if (!map) return;
  for (const [i, id] of ids.entries()) {
    const parsed = events[i];
    if (parsed) map.set(id, parsed);
  }
  if (map.size > MAX_ENTRIES) {
    let excess = map.size - MAX_ENTRIES;
    for (const id of map.keys()) {
      if (excess-- <= 0) break;
      map.delete(id);
    }
  }
}

export function forgetParsed(database: object, ids: number[]) {
  const map = byDatabase.get(database);
  if (map) for (const id of ids) map.delete(id);
}
