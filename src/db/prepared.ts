import type { Db } from "./client.ts";

/**
 * A query built once per database and kept as a prepared statement: hot paths (every API
 * request) skip rebuilding the SQL and, on PostgreSQL, re-planning it. `build` gets the
 * database and returns what `.prepare(name)` returned.
 */
export function preparedQuery<Q>(name: string, build: (db: Db, name: string) => Q): (db: Db) => Q {
  const byDatabase = new WeakMap<Db, Q>();
  return (db) => {
    let query = byDatabase.get(db);
    if (!query) {
      query = build(db, name);
      byDatabase.set(db, query);
    }
    return query;
  };
}
