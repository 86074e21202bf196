import type { PgBoss } from "pg-boss";
import type { Registry } from "prom-client";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/client.ts";
import type { SecretBox } from "../lib/crypto.ts";
import type { Graph } from "../whatsapp/graph.ts";

/** What route and job code may use: built once per process and passed down explicitly. */
export interface Services {
  config: Config;
  database: Database;
  boss: PgBoss;
  secrets: SecretBox;
  metrics: Registry;
  /** The Cloud API (Meta or the sandbox emulator). */
  graph: Graph;
}
