import type { Services } from "../app/services.ts";
import type { ZodApp } from "./context.ts";

const page = (databaseKind: string, sandbox: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Charla</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
a{color:#047857}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.2rem}li{margin:.3rem 0}</style></head>
<body><h1>Charla</h1>
<p>Open-source WhatsApp Business platform. This server runs on <strong>${databaseKind}</strong>${sandbox ? " with the <strong>sandbox</strong> Cloud API emulator" : ""}.</p>
<ul>
<li><a href="/docs">API reference</a> (OpenAPI at <a href="/openapi.json">/openapi.json</a>)</li>
<li><a href="/health">Health</a> · <a href="/metrics">Metrics</a></li>
</ul>
<p>Authenticate API calls with <code>Authorization: Bearer &lt;API key&gt;</code>; <code>charla start</code> prints the demo tenant's key.</p>
</body></html>`;

/** The start page: where Charla runs and where its API reference is. */
export function homeRoute(app: ZodApp, services: Services) {
  const html = page(
    services.database.kind === "pglite" ? "embedded PGlite" : "PostgreSQL",
    services.config.SANDBOX,
  );
  app.get("/", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(html),
  );
}
