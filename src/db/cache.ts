import type { Database, Executor } from "./client.ts";

/**
 * Per-process caches of rows hot paths read on every request (API keys, sending numbers, their
 * accounts, templates), kept correct across processes: a trigger on each watched table NOTIFYs
 * `charla_cache` with "<table>:<key column value>" when a row changes (delivered at commit, to
 * every process LISTENing), and each process drops the entries that depend on it. A LISTEN
 * connection that was lost (notifications may have been missed) clears everything, and entries
 * also expire after `ttlMs`, a backstop if a notification is ever lost.
 */
export const CACHE_CHANNEL = "charla_cache";

interface Entry<V> {
  value: V;
  expires: number;
  /** The notifications ("<table>:<key>") that make this entry stale. */
  dependsOn: string[];
}

interface Registry {
  caches: Set<Map<string, Entry<unknown>>>;
  /** Bumped on every notification: a load that started before one must not be stored. */
  generation: number;
  listening: Promise<void> | null;
  /** Whether the LISTEN connection is up: until it is, nothing is cached. */
  ready: boolean;
}

const databases = new WeakMap<object, Database>();
/** By Drizzle dialect, which a database shares with its transactions (caches that opt in). */
const dialects = new WeakMap<object, Database>();
const registries = new WeakMap<Database, Registry>();

const dialectOf = (db: Executor) => (db as unknown as { dialect?: object }).dialect;

/** Called by openDatabase: lets a cache find the LISTEN of the database a Drizzle handle belongs to. */
export function registerCacheDatabase(database: Database): void {
  databases.set(database.db, database);
  const dialect = dialectOf(database.db);
  if (dialect) dialects.set(dialect, database);
}

function registryOf(database: Database): Registry {
  let registry = registries.get(database);
  if (!registry) {
    const created: Registry = { caches: new Set(), generation: 0, listening: null, ready: false };
    registry = created;
    registries.set(database, created);
    created.listening = database
      .listen(CACHE_CHANNEL, (payload) => {
        created.generation++;
        for (const cache of created.caches)
          for (const [key, entry] of cache)
            if (payload === "" || entry.dependsOn.includes(payload)) cache.delete(key);
      })
      .then(
        () => {
          created.ready = true;
        },
        () => {
          // No LISTEN: this process reads through, uncached (and tries again on the next read).
          created.listening = null;
          registries.delete(database);
        },
      );
  }
  return registry;
}

/**
 * Drops this process's entries that depend on `payloads` at once, for a write this process just
 * committed: its next read sees the write (read-your-writes), without waiting for the NOTIFY that
 * tells the other processes.
 */
export function invalidateLocally(db: Executor, ...payloads: string[]): void {
  const dialect = dialectOf(db);
  const database = databases.get(db) ?? (dialect ? dialects.get(dialect) : undefined);
  const registry = database ? registries.get(database) : undefined;
  if (!registry) return;
  registry.generation++;
  for (const cache of registry.caches)
    for (const [key, entry] of cache)
      if (entry.dependsOn.some((dependency) => payloads.includes(dependency))) cache.delete(key);
}

/**
 * A named cache of `V` by key; `dependsOn` names the notifications that invalidate an entry.
 * Reads in a transaction go through to the database, unless `inTransactions`: for rows the
 * transactions that read them never write (billing's rate cards and markups, read by settlement
 * inside the ingest transaction), whose commits are the only thing a reader must see.
 */
export function sharedCache<V>(options: { ttlMs: number; maxEntries?: number; inTransactions?: boolean }) {
  const maxEntries = options.maxEntries ?? 10_000;
  const maps = new WeakMap<Database, Map<string, Entry<V>>>();
  return {
    async get(
      db: Executor,
      key: string,
      load: () => Promise<V>,
      dependsOn: (value: V) => string[],
    ): Promise<V> {
      const dialect = options.inTransactions ? dialectOf(db) : undefined;
      const database = databases.get(db) ?? (dialect ? dialects.get(dialect) : undefined);
      if (!database) return load(); // a transaction, or a database opened elsewhere: read through
      const registry = registryOf(database);
      let map = maps.get(database);
      if (!map) {
        map = new Map();
        maps.set(database, map);
        registry.caches.add(map as Map<string, Entry<unknown>>);
      }
      const hit = map.get(key);
      if (hit && hit.expires > Date.now()) return hit.value;
      const generation = registry.generation;
      const value = await load();
      if (registry.ready && registry.generation === generation) {
        if (map.size >= maxEntries) map.clear();
        map.set(key, { value, expires: Date.now() + options.ttlMs, dependsOn: dependsOn(value) });
      }
      return value;
    },
  };
}
