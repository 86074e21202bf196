import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/config.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import type { StartEmulatorOptions } from "../../src/emulator/server.ts";
import { createApiKey, createTenant, type Tenant } from "../../src/modules/accounts/index.ts";
import { type Charla, startCharla } from "../../src/runtime.ts";
import { connectSandboxAccount, type Sandbox, startSandbox } from "../../src/sandbox.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

export interface Harness {
  charla: Charla;
  sandbox: Sandbox;
  /** The tenant's sandbox number (Meta id in `phoneNumberId`). */
  number: { id: string; phoneNumberId: string };
  testDatabase: TestDatabase;
  url: string;
  tenant: Tenant;
  /** A tenant_admin key of `tenant`. */
  apiKey: string;
  /** fetch against the API with the tenant's key (or another one) and JSON bodies. */
  api(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

let tenantCounter = 0;

/** Makes a tenant with an admin key directly in the database. */
export async function makeTenant(harness: Pick<Harness, "charla">, slug?: string) {
  const { db } = harness.charla.services.database;
  const tenant = await createTenant(
    db,
    { slug: slug ?? `t${process.pid}-${++tenantCounter}`, name: "Test tenant" },
    { kind: "system" },
  );
  const { key } = await createApiKey(
    db,
    { tenantId: tenant.id, name: "test admin", role: "tenant_admin" },
    { kind: "system" },
  );
  return { tenant, apiKey: key };
}

/** The whole server (API + workers) on a fresh database, listening on a random port, with its sandbox emulator. */
export async function startHarness(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  emulator: Omit<StartEmulatorOptions, "port"> = {},
  options: {
    workers?: boolean /** Tell the server its sandbox runs (default yes). */;
    sandbox?: boolean;
  } = {},
): Promise<Harness> {
  const testDatabase = await createTestDatabase(kind);
  const sandbox = await startSandbox({
    version: "v23.0",
    statusDelaysMs: { sent: 20, delivered: 40, read: 60 },
    webhookDelivery: { attempts: 5, baseDelayMs: 50, timeoutMs: 5_000 },
    ...emulator,
  });
  const dataDir = mkdtempSync(join(tmpdir(), "charla-test-"));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "0".repeat(64),
    SANDBOX: "false",
    ...env,
  });
  const charla = await startCharla({
    config,
    api: true,
    workers: options.workers ?? true,
    database: testDatabase.database,
    graph: sandbox.graph,
    sandbox: options.sandbox === false ? null : { emulatorUrl: sandbox.emulator.url },
  });
  sandbox.attach(charla.url!);
  const { tenant, apiKey } = await makeTenant({ charla });
  const { phoneNumbers } = await connectSandboxAccount(charla.services, tenant.id, sandbox);
  const url = charla.url!;
  return {
    charla,
    sandbox,
    number: phoneNumbers[0]!,
    testDatabase,
    url,
    tenant,
    apiKey,
    async api(method, path, body, key = apiKey) {
      const headers: Record<string, string> = {};
      if (key) headers.authorization = `Bearer ${key}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      // Each step timed, so a close that hangs (an afterAll timeout, seen rarely in CI) names itself.
      await timedStep("charla.close", () => charla.close());
      await timedStep("sandbox.close", () => sandbox.close());
      await testDatabase.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a close step and warns when it takes more than 10 s, with its name. */
async function timedStep(name: string, step: () => Promise<void>) {
  const started = Date.now();
  const warning = setTimeout(() => console.warn(`harness: ${name} still running after 10 s`), 10_000);
  warning.unref();
  try {
    await step();
  } finally {
    clearTimeout(warning);
    if (Date.now() - started > 10_000) console.warn(`harness: ${name} took ${Date.now() - started} ms`);
  }
}
