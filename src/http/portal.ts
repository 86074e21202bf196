import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { Services } from "../app/services.ts";
import { AppError } from "../lib/problem.ts";
import type { ZodApp } from "./context.ts";
import { homeRoute } from "./home.ts";
import { portalDist } from "./portal-build.ts";

/** Paths that belong to the API and its tools: unknown ones stay problem JSON, never the portal. */
const SERVER_PREFIXES = ["/v1/", "/v1", "/webhooks/", "/docs", "/openapi.json", "/health", "/metrics"];

/**
 * The built portal at "/" (static files, and index.html for the portal's own client-side routes);
 * without a build (`portal/dist` missing) the plain start page stays.
 */
export async function portalRoutes(app: ZodApp, services: Services, dist = portalDist) {
  if (!existsSync(join(dist, "index.html"))) {
    homeRoute(app, services);
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    serve: true,
    allowedPath: (path) => !path.startsWith("/."),
    setHeaders(response, path) {
      // Vite names assets by content hash, so they never change; index.html must be re-read.
      const immutable = path.includes(`${join(dist, "assets")}`);
      response.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  const sendIndex = (_request: unknown, reply: { sendFile(file: string): unknown }) =>
    reply.sendFile("index.html");
  app.get("/", { schema: { hide: true } }, (request, reply) => sendIndex(request, reply));
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    // Browsers navigating to a portal page ask for HTML; API clients get problem JSON for unknown paths.
    const path = request.url.split("?")[0] ?? "/";
    const serverPath = SERVER_PREFIXES.some(
      (prefix) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
    );
    if (serverPath || !(request.headers.accept ?? "").includes("text/html")) {
      throw new AppError(404, "route_not_found", `No route for ${request.method} ${request.url}`);
    }
    return sendIndex(request, reply);
  });
}
