/**
 * A campaign at scale: BENCH_RECIPIENTS (100,000) opted-in contacts, a segment of all of them, one
 * utility template, 4 sandbox numbers at the 1,000 msg/s tier (the emulator, in a worker thread,
 * enforces it too) and an unlimited messaging limit. Reports recipients dispatched (handed to the
 * Cloud API) and delivered per second, as ratios to the raw-send ceiling measured in the same
 * run, and the worker's peak RSS. On PostgreSQL the worker is a separate `charla worker` process
 * (its RSS is sampled every second: at launch and the highest); on PGlite the database lives in
 * this process, so the workers do too and the figure is this whole process (API, PGlite, workers).
 *
 *   node bench/campaign.ts            BENCH_RECIPIENTS=20000  BENCH_DATABASES=postgres,pglite
 *     BENCH_WORKER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR"  the worker's profile (written at its SIGTERM)
 *     BENCH_PG_ACTIVITY=1  PostgreSQL's active backends sampled every 250 ms, summarised at the end
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config/config.ts";
import { type DatabaseKind, type Executor, openDatabase } from "../src/db/client.ts";
import { phoneNumbers } from "../src/db/schema.ts";
import type { EmulatorConfigInput, SeedWaba } from "../src/emulator/config.ts";
import { createApiKey, createTenant } from "../src/modules/accounts/index.ts";
import { connectAccount } from "../src/modules/numbers/index.ts";
import { startCharla } from "../src/runtime.ts";
import { measureRawSend } from "./raw-send.ts";
import { freshPostgres, postgresAnswers } from "./send.ts";

const PER_NUMBER = 1_000;
const WABA: SeedWaba = {
  id: "100000000000009",
  name: "Campaign bench",
  phoneNumbers: [1, 2, 3, 4].map((n) => ({
    id: `19000000000000${n}`,
    displayPhoneNumber: `+1 555-019-000${n}`,
    verifiedName: "Campaign bench",
    qualityRating: "GREEN",
    messagingLimitTier: "TIER_UNLIMITED",
    registered: true,
    pin: "000000",
  })),
};
const EMULATOR: EmulatorConfigInput = {
  wabas: [WABA],
  throughputPerSecond: PER_NUMBER,
  pairRate: null,
  statusDelaysMs: { sent: 0, delivered: 0, read: null },
  webhookUrl: null,
  maxLogEntries: 0,
  messagingLimits: { enabled: false },
  webhookDelivery: { batchMaxEvents: 25, batchWindowMs: 50 },
};

function startEmulatorWorker() {
  const worker = new Worker(new URL("./emulator-worker.ts", import.meta.url), { workerData: EMULATOR });
  const ready = new Promise<{ url: string; token: string; appSecret: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const setConfig = (config: EmulatorConfigInput) =>
    new Promise<void>((resolve) => {
      worker.once("message", () => resolve());
      worker.postMessage({ setConfig: config });
    });
  return { ready, setConfig, close: () => worker.terminate() };
}

/** Resident set of a process now (Linux VmRSS), MB. */
function rssMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return line ? Math.round(Number(line[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export interface CampaignBenchResult {
  database: DatabaseKind;
  recipients: number;
  dispatchedPerSecond: number;
  deliveredPerSecond: number;
  secondsToAllDelivered: number;
  /** The worker's RSS sampled every second while the campaign ran: at launch (idle) and the highest. */
  workerIdleRssMb: number | null;
  workerPeakRssMb: number | null;
}

async function seed(db: Executor, tenantId: string, recipients: number) {
  await db.execute(sql`
    insert into contacts (tenant_id, phone, wa_id, name, attributes, opted_in_at)
    select ${tenantId}::uuid, '+5491160' || lpad(i::text, 6, '0'), '5491160' || lpad(i::text, 6, '0'),
      case when i % 3 = 0 then null else 'Ana ' || i end, jsonb_build_object('order', 'A-' || i), now() - interval '1 day'
    from generate_series(1, ${recipients}) i`);
}

export async function measureCampaign(kind: DatabaseKind, recipients: number, postgresUrl?: string) {
  const emulator = startEmulatorWorker();
  const meta = await emulator.ready;
  const dataDir = mkdtempSync(join(tmpdir(), "charla-bench-campaign-"));
  const postgres = kind === "postgres" ? await freshPostgres(postgresUrl!) : null;
  const database = await openDatabase(
    postgres ? { url: postgres.url, poolSize: 8 } : { dataDir: "memory://" },
  );
  const env = {
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "1".repeat(64),
    WORKER_CONCURRENCY: "8",
  };
  const graph = {
    baseUrl: meta.url,
    version: "v23.0",
    appSecret: meta.appSecret,
    verifyToken: "bench-verify",
  };
  const charla = await startCharla({
    config: loadConfig(env),
    api: true,
    workers: !postgres,
    database,
    graph,
  });
  let child: ChildProcess | null = null;
  try {
    const step = (what: string) => process.stderr.write(`  ${kind}: ${what}\n`);
    step("charla started");
    if (postgres) {
      child = spawn(process.execPath, [join(import.meta.dirname, "../src/cli/main.ts"), "worker"], {
        env: {
          ...process.env,
          ...env,
          DATABASE_URL: postgres.url,
          NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? "",
          SANDBOX: "false",
          WHATSAPP_GRAPH_URL: meta.url,
        },
        stdio: "inherit",
      });
    }

    await emulator.setConfig({ webhookUrl: `${charla.url}/webhooks/whatsapp` });
    const { db } = database;
    const system = { kind: "system" } as const;
    const tenant = await createTenant(db, { slug: "bench", name: "Bench" }, system);
    const { key } = await createApiKey(db, { tenantId: tenant.id, name: "bench", role: "developer" }, system);
    await connectAccount(charla.services, tenant.id, { wabaId: WABA.id, accessToken: meta.token }, system);
    await db
      .update(phoneNumbers)
      .set({ throughputPerSecond: PER_NUMBER, messagingLimitTier: "TIER_UNLIMITED" });
    step("account connected");
    await seed(db, tenant.id, recipients);
    step("contacts seeded");
    // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field
    const api = async (method: string, path: string, body?: unknown): Promise<any> => {
      const res = await fetch(`${charla.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const template = await waitFor(async () => {
      const list = await api("GET", "/v1/templates?name=order_update");
      return list.data.find((t: { status: string }) => t.status === "approved");
    });
    step("templates imported");
    const segment = await api("POST", "/v1/segments", { name: "Everyone", rules: { op: "and", rules: [] } });
    const numbers = (await api("GET", "/v1/phone-numbers")).data.filter((n: { phoneNumberId: string }) =>
      WABA.phoneNumbers.some((seeded) => seeded.id === n.phoneNumberId),
    );
    const created = await api("POST", "/v1/campaigns", {
      name: "Bench",
      variants: [
        {
          templateId: template.id,
          parameters: {
            body: [
              { field: "name", fallback: "cliente" },
              { field: "order", fallback: "A-0" },
            ],
          },
        },
      ],
      audience: { segmentIds: [segment.id] },
      phoneNumberIds: numbers.map((n: { id: string }) => n.id),
      frequencyCap: null,
    });
    process.stderr.write(`  ${kind}: launching ${recipients} recipients\n`);
    await api("POST", `/v1/campaigns/${created.id}/launch`);
    const started = performance.now();
    const activity = process.env.BENCH_PG_ACTIVITY && postgres ? sampleActivity(db) : null;
    const workerPid = child?.pid ?? process.pid;
    const idle = rssMb(workerPid);
    let dispatchedAt = 0;
    let peak = 0;
    for (;;) {
      // The list carries the live counters; the detail also counts the portfolio's recipients of
      // the last 24 h (a scan of every message sent, each second, on the database being measured).
      const c = (await api("GET", "/v1/campaigns")).data.find((row: { id: string }) => row.id === created.id);
      peak = Math.max(peak, rssMb(workerPid) ?? 0);
      // Counted only once all are queued (none can be dispatched before): a count over the whole
      // messages table every second took PostgreSQL's time from the run it measures.
      if (!dispatchedAt && c.queued + c.skipped >= recipients) {
        const result = await db.execute(sql`select count(*)::int as n from messages where wamid is not null`);
        const n = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
        if (n >= recipients) dispatchedAt = performance.now();
      }
      process.stderr.write(
        `  ${kind}: queued ${c.queued} sent ${c.sent} delivered ${c.delivered} failed ${c.failed}\n`,
      );
      if (c.delivered + c.failed >= recipients && dispatchedAt) break;
      if (performance.now() - started > 1_200_000) throw new Error("not delivered after 20 minutes");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const seconds = (performance.now() - started) / 1000;
    activity?.stop();
    return {
      database: kind,
      recipients,
      dispatchedPerSecond: Math.round(recipients / ((dispatchedAt - started) / 1000)),
      deliveredPerSecond: Math.round(recipients / seconds),
      secondsToAllDelivered: Math.round(seconds * 10) / 10,
      workerIdleRssMb: idle,
      workerPeakRssMb: peak,
    } satisfies CampaignBenchResult;
  } finally {
    if (child) await stopWorker(child);
    await charla.close();
    await database.close();
    await postgres?.drop();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * BENCH_PG_ACTIVITY=1: the database's active backends every 250 ms, counted by wait event and
 * statement (its first 90 characters), printed at the end: what the run waits on.
 */
function sampleActivity(db: Executor) {
  const counts = new Map<string, number>();
  let samples = 0;
  const timer = setInterval(async () => {
    samples++;
    const result = await db.execute(sql`
      select coalesce(wait_event_type || ':' || wait_event, 'cpu') as wait, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 90) as query
      from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`);
    for (const row of (result as unknown as { rows: { wait: string; query: string }[] }).rows) {
      const key = `${row.wait} | ${row.query}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      process.stderr.write(`pg_stat_activity, ${samples} samples:\n`);
      for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25))
        process.stderr.write(`  ${String(n).padStart(5)}  ${key}\n`);
    },
  };
}

/** SIGTERM (a `--cpu-prof` profile is written on a clean exit), SIGKILL after 10 s. */
async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  // Two minutes: a worker starting on a loaded machine takes a while to import the templates.
  for (let i = 0; i < 1_200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const recipients = Number(env.BENCH_RECIPIENTS ?? 100_000);
  const postgresUrl = env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const databases = (env.BENCH_DATABASES ?? "postgres,pglite").split(",") as DatabaseKind[];
  const raw = await measureRawSend({ durationMs: 3_000 });
  console.log(JSON.stringify({ rawSendPerSecond: raw.perSecond, load: (await import("node:os")).loadavg() }));
  const ratio = (perSecond: number) => Math.round((perSecond / raw.perSecond) * 10_000) / 10_000;
  for (const kind of databases) {
    if (kind === "postgres" && !(await postgresAnswers(postgresUrl))) {
      console.error(`PostgreSQL at ${postgresUrl} does not answer: skipped`);
      continue;
    }
    const result = await measureCampaign(kind, recipients, postgresUrl);
    console.log(
      JSON.stringify({
        ...result,
        dispatchedRatio: ratio(result.dispatchedPerSecond),
        deliveredRatio: ratio(result.deliveredPerSecond),
        load: (await import("node:os")).loadavg(),
      }),
    );
  }
}
