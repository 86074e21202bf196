import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { PgBoss } from "pg-boss";
import type { Registry } from "prom-client";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/client.ts";
import type { SecretBox } from "../lib/crypto.ts";
import type { Graph } from "../modules/numbers/graph.ts";

/** What route and job code may use: built once per process and passed down explicitly. */
export interface Services {
  config: Config;
  database: Database;
  boss: PgBoss;
  secrets: SecretBox;
  metrics: Registry;
  /** The Cloud API (Meta or the sandbox emulator). */
  graph: Graph;
  /** The sandbox's Cloud API emulator when this server runs one (it is then `graph`). */
  sandbox?: { emulatorUrl: string } | null;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A module's HTTP routes: under /v1 behind API-key auth, or public (Meta's webhooks). */
export type ModuleRoutes = (app: ZodApp, services: Services) => void | Promise<void>;
