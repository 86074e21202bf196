import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "../src/modules/accounts/service.ts";
import { describeEachDatabase } from "./support/databases.ts";
import { bodyFor, type Operation, operationsOf, urlValue } from "./support/fuzz.ts";
import { type Harness, startHarness } from "./support/harness.ts";

/** Requests per operation and database: over 100 operations, so over 10,000 requests per database. */
const RUNS = 100;
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

describeEachDatabase("fuzzing every route", (kind) => {
  let h: Harness;
  let platformKey: string;
  let operations: Operation[];
  beforeAll(async () => {
    h = await startHarness(kind);
    platformKey = (
      await createApiKey(
        h.charla.services.database.db,
        { tenantId: h.tenant.id, name: "fuzz ops", role: "platform_admin" },
        { kind: "cli" },
      )
    ).key;
    operations = operationsOf((await h.api("GET", "/openapi.json", undefined, null)).body);
  });
  afterAll(() => h?.close());

  const authorization = () =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(`Bearer ${h.apiKey}`) },
      { weight: 2, arbitrary: fc.constant(`Bearer ${platformKey}`) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          undefined,
          "",
          "Bearer",
          "Bearer ",
          "Basic Zm9vOmJhcg==",
          "Bearer chk_aaaaaaaaaaaa_",
          `Bearer chk_${"a".repeat(12)}_${"b".repeat(40)}`,
          `Bearer ${"k".repeat(5_000)}`,
          "bearer   a b c",
          `Bearer ${h.apiKey}x`,
        ),
      },
    );

  async function send(
    operation: Operation,
    auth: string | undefined,
    params: string[],
    query: [string, string][],
    body: string | undefined,
    contentType: string,
  ) {
    let path = operation.path;
    operation.pathParams.forEach((name, i) => {
      path = path.replace(`{${name}}`, params[i] ?? "x");
    });
    const search = query.map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join("&");
    const headers: Record<string, string> = {};
    if (auth !== undefined) headers.authorization = auth;
    const withBody = operation.method !== "GET" && operation.method !== "DELETE" && body !== undefined;
    if (withBody) headers["content-type"] = contentType;
    return fetch(`${h.url}${path}${search ? `?${search}` : ""}`, {
      method: operation.method,
      headers,
      body: withBody ? body : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  }

  it("answers no 5xx, every error as problem JSON, and stays responsive", { timeout: 300_000 }, async () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const [index, operation] of operations.entries()) {
      const names = [...operation.queryParams.map((q) => q.name), "unknown", "cursor"];
      await fc.assert(
        fc.asyncProperty(
          authorization(),
          fc.array(urlValue, {
            minLength: operation.pathParams.length,
            maxLength: operation.pathParams.length,
          }),
          fc.array(fc.tuple(fc.constantFrom(...names), urlValue), { maxLength: 4 }),
          bodyFor(operation.body),
          fc.constantFrom(
            "application/json",
            "application/json",
            "application/json",
            "text/plain",
            "application/json; charset=latin1",
          ),
          async (auth, params, query, body, contentType) => {
            const response = await send(operation, auth, params, query, body, contentType);
            // A Server-Sent Events stream that opened never ends: its status and headers are the answer.
            const streaming = response.headers.get("content-type")?.startsWith("text/event-stream");
            if (streaming) await response.body?.cancel();
            const text = streaming ? "" : await response.text();
            const what = `${operation.method} ${operation.path} -> ${response.status} ${text.slice(0, 300)}`;
            expect(response.status, what).toBeLessThan(500);
            if (response.status >= 400) {
              expect(response.headers.get("content-type"), what).toContain("application/problem+json");
              const problem = JSON.parse(text) as { code?: unknown; status?: unknown };
              expect(typeof problem.code, what).toBe("string");
              expect(problem.status, what).toBe(response.status);
            }
          },
        ),
        { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
      );
      const health = await fetch(`${h.url}/health`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status, `after ${operation.method} ${operation.path}`).toBe(200);
    }
  });
});
