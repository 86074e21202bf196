import type { WebhookEvent } from "../../whatsapp/types.ts";

/**
 * What the receiver and ingest of one process share about the webhooks it stores:
 *
 * - `events`: each stored row's events, by row id, until ingested. The receiver has parsed and
 *   validated each body already, so ingest takes its events from here instead of reading the body
 *   back and parsing it again. Rows stored by another process, or no longer here (ingested,
 *   evicted, a failed batch), are read and parsed from the table as before.
 *
 * Nothing is kept until ingest has run in this process (an API process without workers keeps nothing).
 */
export interface LocalIngest {
  events: Map<number, WebhookEvent[]>;
}

const byDatabase = new WeakMap<object, LocalIngest>();
/** Entries kept at most (the oldest go first): rows another process ingests are never taken here. */
const MAX_ENTRIES = 20_000;

/** This process's state; ingest calls it, which is what makes the receiver remember. */
export function localIngest(database: object): LocalIngest {
  let state = byDatabase.get(database);
  if (!state) {
    state = { events: new Map() };
    byDatabase.set(database, state);
  }
  return state;
}

/**
 * Remembers stored rows' events (ids and events in the same order; undefined: not parsed).
 */
export function rememberParsed(
  database: object,
  ids: number[],
  events: (WebhookEvent[] | undefined)[],
): void {
  const state = byDatabase.get(database);
  if (!state) return;
  const map = state.events;
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
  const map = byDatabase.get(database)?.events;
  if (map) for (const id of ids) map.delete(id);
}
