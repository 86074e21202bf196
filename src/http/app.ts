import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { Histogram } from "prom-client";
import type { Services } from "../app/services.ts";
import { type Authenticators, authenticate } from "./auth.ts";
import type { ModuleRoutes } from "./context.ts";
import { frameworkErrorProblem, installErrorHandling } from "./errors.ts";
import { installInputSafety } from "./input-safety.ts";
import { portalRoutes } from "./portal.ts";
import { systemRoutes } from "./system-routes.ts";

/** Largest request body the API reads (256 KiB): far above any request a client needs to send. */
export const API_BODY_LIMIT = 256 * 1024;

/** The HTTP server as the rest of the code sees it (runtime, tests), without importing Fastify. */
export type HttpApp = FastifyInstance;

export interface AppOptions {
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
  /** Mounted under /v1 behind API-key or session auth. */
  modules: ModuleRoutes[];
  /** Mounted at the root without API-key auth (they authenticate themselves, e.g. signatures). */
  publicRoutes?: ModuleRoutes[];
  /** Resolves a presented API key or session cookie to its principal (the accounts module). */
  authenticate: Authenticators;
}

/** The Charla HTTP API: system routes, the OpenAPI document and docs UI, and every module under /v1. */
export async function buildApp(services: Services, options: AppOptions) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // No API request comes near this; Meta's webhook receiver sets its own, larger limit.
    bodyLimit: API_BODY_LIMIT,
    requestIdHeader: "x-request-id",
    trustProxy: services.config.TRUST_PROXY,
    frameworkErrors: frameworkErrorProblem,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("principal", null);
  installErrorHandling(app);
  await app.register(cookie);
  installInputSafety(app);

  const duration = new Histogram({
    name: "charla_http_request_duration_seconds",
    help: "HTTP request duration by route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [services.metrics],
  });
  app.addHook("onResponse", async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Charla API",
        version: "0.1.0",
        description:
          "Open WhatsApp Business platform API. Authenticate with 'Authorization: Bearer <API key>', or sign in (POST /v1/auth/login) and send the session cookie with the X-CSRF-Token header on changes.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "charla_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, services);
  await portalRoutes(app, services);
  for (const routes of options.publicRoutes ?? []) await routes(app, services);
  await app.register(
    async (v1) => {
      v1.addHook("onRequest", authenticate(options.authenticate));
      for (const routes of options.modules) await routes(v1, services);
    },
    { prefix: "/v1" },
  );
  return app;
}
