import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { Registry } from "prom-client";
import type { Services } from "../app/services.ts";
import { loadConfig } from "../config/config.ts";
import { moduleRoutes, publicRoutes } from "../modules/index.ts";
import { buildApp } from "./app.ts";

/** Where the portal keeps the API types generated from this server's OpenAPI document. */
export const portalApiTypesPath = resolve(
  fileURLToPath(new URL(".", import.meta.url)),
  "../../portal/src/api/schema.d.ts",
);

/**
 * The OpenAPI document as the server publishes it at /openapi.json. Routes only close over the
 * services when registered, so none is opened: no database, queue or network is needed.
 */
export async function openApiDocument(): Promise<unknown> {
  const services = {
    config: loadConfig({
      LOG_LEVEL: "silent",
      SECRET_KEY: "0".repeat(64),
      SANDBOX: "false",
      TEMPLATE_SYNC_CRON: "off",
    }),
    database: { kind: "pglite" },
    metrics: new Registry(),
  } as unknown as Services;
  // Nothing is requested, so nobody is authenticated.
  const nobody = async () => null;
  const app = await buildApp(services, {
    modules: moduleRoutes,
    publicRoutes,
    authenticate: { apiKey: nobody, session: nobody },
  });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
  }
}

/** The portal's schema.d.ts for the current document (openapi-typescript). */
export async function portalApiTypes(): Promise<string> {
  const document = (await openApiDocument()) as Parameters<typeof openapiTS>[0];
  const header = "// Generated from Charla's /openapi.json by `npm run portal:api`. Do not edit.\n";
  return header + astToString(await openapiTS(document, { alphabetize: true }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(portalApiTypesPath, await portalApiTypes());
  console.log(`Wrote ${portalApiTypesPath}`);
}
