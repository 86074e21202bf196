import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate } from "../src/db/migrate.ts";
import { describeEachDatabase } from "./support/databases.ts";
import { type Harness, startHarness } from "./support/harness.ts";

describeEachDatabase("system", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("/health checks the database and the job queue", async () => {
    const res = await h.api("GET", "/health", undefined, null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ok",
      databaseKind: kind,
      database: { status: "ok" },
      jobs: { status: "ok" },
    });
  });

  it("/openapi.json documents the API routes", async () => {
    const res = await h.api("GET", "/openapi.json", undefined, null);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/v1/api-keys", "/v1/tenant", "/health"]),
    );
    expect(res.body.paths["/v1/api-keys"].post.requestBody).toBeDefined();
    const docs = await fetch(`${h.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger");
  });

  it("/ serves the portal (built by the suite's setup), which links the API reference", async () => {
    const res = await fetch(`${h.url}/`);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    expect(html).toContain('href="/docs"');
    // The portal's own routes load the same page; unknown API paths stay problem JSON.
    const deep = await fetch(`${h.url}/templates/new`, { headers: { accept: "text/html" } });
    expect(await deep.text()).toContain('<div id="root">');
    const notHtml = await fetch(`${h.url}/templates/new`, { headers: { accept: "application/json" } });
    expect(notHtml.status).toBe(404);
    const api = await fetch(`${h.url}/v1/nothing-here`, {
      headers: { authorization: `Bearer ${h.apiKey}`, accept: "text/html" },
    });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe("route_not_found");
  });

  it("/metrics exposes Prometheus text with request histograms", async () => {
    await h.api("GET", "/v1/tenant");
    const res = await fetch(`${h.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(text).toMatch(
      /charla_http_request_duration_seconds_count\{method="GET",route="\/v1\/tenant",status="200"\} \d+/,
    );
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("runs migrations again as a no-op", async () => {
    await expect(migrate(h.charla.services.database)).resolves.toBeUndefined();
  });

  it("runs pg-boss jobs on the same database, in batches", async () => {
    const { boss } = h.charla.services;
    await boss.createQueue("test-echo");
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => {
      void boss.work<{ n: number }>(
        "test-echo",
        { batchSize: 10, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          for (const job of jobs) seen.push(job.data.n);
          if (seen.length >= 5) resolve();
        },
      );
    });
    await boss.insert(
      "test-echo",
      [1, 2, 3, 4, 5].map((n) => ({ data: { n } })),
    );
    await done;
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
