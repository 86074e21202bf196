import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/config.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import { createApiKey, createTenant, type Tenant } from "../../src/modules/accounts/service.ts";
import { type Charla, startCharla } from "../../src/runtime.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

export interface Harness {
  charla: Charla;
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

/** The whole server (API + workers) on a fresh database, listening on a random port. */
export async function startHarness(kind: DatabaseKind, env: Record<string, string> = {}): Promise<Harness> {
  const testDatabase = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), "charla-test-"));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "0".repeat(64),
    SANDBOX: "false",
    ...env,
  });
  const charla = await startCharla({ config, api: true, workers: true, database: testDatabase.database });
  const { tenant, apiKey } = await makeTenant({ charla });
  const url = charla.url!;
  return {
    charla,
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
      await charla.close();
      await testDatabase.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
