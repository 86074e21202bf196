import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Services } from "../app/services.ts";

/** The Fastify instance route files register on (Zod schemas as the type provider). */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A module's HTTP routes: under /v1 behind API-key auth, or public (Meta's webhooks). Route files
 * take this type and never import Fastify themselves.
 */
export type ModuleRoutes = (app: ZodApp, services: Services) => void | Promise<void>;
