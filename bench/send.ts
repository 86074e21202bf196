/**
 * End-to-end sending throughput: POST /v1/messages -> dispatch -> Cloud API (the emulator, in a
 * worker thread) -> "delivered" status webhook ingested. Reported as messages delivered per
 * second and as a ratio of the raw-send ceiling measured in the same run.
 *
 *   node bench/send.ts                      (PGlite and, when it answers, PostgreSQL)
 *   BENCH_MESSAGES=2000 BENCH_CLIENTS=32 BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test
 *   BENCH_THROUGHPUT=1000 (the number's tier, msg/s: the token bucket caps delivered/s at it)
 *   BENCH_KINDS=postgres (only these databases; default pglite,postgres)
 *   BENCH_BATCH_SIZE=500 (the batch endpoint; "0,500" runs both, one after the other, in one run)
 *   BENCH_ACCEPT_ONLY=1 (no workers: the API's accept path alone; delivered is not measured)
 *   BENCH_MARK=1 (prints the accept phase's start and end, and the last delivered, in --cpu-prof's
 *   clock: `node bench/profile-summary.ts FILE 15 <from> <to>` slices a profile to them)
 *
 * The raw-send ceiling is measured first, in the same run, and every line carries its ratios.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import pg from "pg";
import { Pool } from "undici";
import { loadConfig } from "../src/config/config.ts";
import { type DatabaseKind, openDatabase } from "../src/db/client.ts";
import { phoneNumbers } from "../src/db/schema.ts";
import { DEFAULT_WABAS, type EmulatorConfigInput } from "../src/emulator/config.ts";
import { createApiKey, createTenant } from "../src/modules/accounts/index.ts";
import { connectAccount } from "../src/modules/numbers/index.ts";
import { startCharla } from "../src/runtime.ts";
import { measureRawSend } from "./raw-send.ts";
import {
  installStatementCounter,
  statementSnapshot,
  statementsSince,
  topStatements,
} from "./statement-counter.ts";

// BENCH_STATEMENT_LOG=1: the statements the send run sent (from the first request to the last
// delivered), and the most frequent ones, on stderr.
if (process.env.BENCH_STATEMENT_LOG === "1") installStatementCounter();

export interface SendBenchOptions {
  kind: DatabaseKind;
  messages?: number;
  clients?: number;
  postgresUrl?: string;
  /** The number's throughput tier: Meta's upgraded 1,000 msg/s by default. */
  throughputPerSecond?: number;
  /** Send through POST /v1/messages/batch, this many messages a request (else one POST each). */
  batchSize?: number;
  /** No workers: only the accept path runs, and nothing is delivered (delivered figures are 0). */
  acceptOnly?: boolean;
}

export interface SendBenchResult {
  database: DatabaseKind;
  /** Messages per request (1: POST /v1/messages). */
  batchSize: number;
  messages: number;
  acceptedPerSecond: number;
  deliveredPerSecond: number;
  secondsToAllDelivered: number;
  /** From the last accept to the last delivered: what the pipeline after the API adds. */
  secondsAfterAccepted: number;
  p50AcceptMs: number;
  p99AcceptMs: number;
  /** Where delivered waits after the accept, per message: p50 and p99 of each leg, in ms. */
  phases: Record<
    "stored_to_claimed" | "claimed_to_accepted" | "accepted_to_delivered" | "webhook_stored_to_ingested",
    [number, number]
  > & { webhooks_received_over_ms: number };
  /**
   * CPU seconds over the run (first request to last delivered): this process (Charla, the bench
   * client and the emulator's threads) and every PostgreSQL process on the machine.
   */
  cpu: { charla: number; postgres: number };
}

/**
 * Each message's legs from its rows' timestamps: stored (the accept's commit) -> claimed by the
 * dispatcher -> Meta's answer recorded -> its delivered status applied (updated_at, set by ingest).
 */
async function pipelinePhases(db: Awaited<ReturnType<typeof openDatabase>>["db"]) {
  const result = await db.execute(sql`
    with legs as (
      select extract(epoch from dispatch_started_at - created_at) * 1000 as a,
             extract(epoch from accepted_at - dispatch_started_at) * 1000 as b,
             extract(epoch from updated_at - accepted_at) * 1000 as c
      from messages where status in ('delivered', 'read'))
    select percentile_cont(array[0.5, 0.99]) within group (order by a) as a,
           percentile_cont(array[0.5, 0.99]) within group (order by b) as b,
           percentile_cont(array[0.5, 0.99]) within group (order by c) as c
    from legs`);
  // The status leg split: Meta's webhooks received (the spread from first to last says how fast
  // the receiver took them) and each one's wait from stored to ingested.
  const hooks = await db.execute(sql`
    select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from processed_at - received_at) * 1000) as d,
           extract(epoch from max(received_at) - min(received_at)) * 1000 as spread
    from whatsapp_webhook_events`);
  const row = (result as unknown as { rows: Record<"a" | "b" | "c", number[]>[] }).rows[0]!;
  const hookRow = (hooks as unknown as { rows: { d: number[]; spread: number }[] }).rows[0]!;
  const ms = (values: number[]) => values.map((value) => Math.round(Number(value))) as [number, number];
  return {
    stored_to_claimed: ms(row.a),
    claimed_to_accepted: ms(row.b),
    accepted_to_delivered: ms(row.c),
    webhook_stored_to_ingested: ms(hookRow.d),
    webhooks_received_over_ms: Math.round(Number(hookRow.spread)),
  };
}

/**
 * CPU seconds so far of every PostgreSQL process on this machine (Linux /proc; 0 elsewhere), or only
 * of the backends connected to `database` (their command line names it: other sessions' work left out).
 */
export function postgresCpuSeconds(database?: string): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (!stat.includes("(postgres)")) continue;
        if (database && !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${database} `)) continue;
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return ticks / 100;
}

const EMULATOR: EmulatorConfigInput = {
  throughputPerSecond: 0,
  pairRate: null,
  enforceWindow: false,
  statusDelaysMs: { sent: 0, delivered: 0, read: null },
  webhookUrl: null,
  maxLogEntries: 200_000,
  // BENCH_WEBHOOK_BATCH=25: Meta-style notifications carrying up to 25 changes (default: one each).
  webhookDelivery: {
    batchMaxEvents: process.env.BENCH_WEBHOOK_BATCH ? Number(process.env.BENCH_WEBHOOK_BATCH) : 1,
    batchWindowMs: 50,
    ...(process.env.BENCH_WEBHOOK_CONNECTIONS
      ? { connections: Number(process.env.BENCH_WEBHOOK_CONNECTIONS) }
      : {}),
  },
};

const lastShown = new Map<string, number>();
/** A progress bar on a terminal; a line per tenth elsewhere (CI logs). */
function progress(label: string, done: number, total: number) {
  const step = Math.floor((done / total) * 10);
  if (!process.stderr.isTTY) {
    if (lastShown.get(label) !== step) process.stderr.write(`  ${label} ${done}/${total}\n`);
    lastShown.set(label, step);
    return;
  }
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r  ${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write("\n");
}

async function startEmulatorWorker() {
  const worker = new Worker(new URL("./emulator-worker.ts", import.meta.url), { workerData: EMULATOR });
  const ready = await new Promise<{ url: string; token: string; appSecret: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const setWebhookUrl = (webhookUrl: string) =>
    new Promise<void>((resolve) => {
      worker.once("message", () => resolve());
      worker.postMessage({ setConfig: { webhookUrl } });
    });
  return { ...ready, setWebhookUrl, close: () => worker.terminate() };
}

export async function freshPostgres(url: string) {
  const name = `charla_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return {
    url: parsed.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function measureSend(options: SendBenchOptions): Promise<SendBenchResult> {
  const total = options.messages ?? 2_000;
  const clients = options.clients ?? 32;
  const emulator = await startEmulatorWorker();
  const dataDir = mkdtempSync(join(tmpdir(), "charla-bench-"));
  const postgres = options.kind === "postgres" ? await freshPostgres(options.postgresUrl!) : null;
  const database = await openDatabase(
    postgres ? { url: postgres.url, poolSize: 20 } : { dataDir: "memory://" },
  );
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "1".repeat(64),
    WORKER_CONCURRENCY: "8",
  });
  const charla = await startCharla({
    config,
    api: true,
    workers: !options.acceptOnly,
    database,
    graph: {
      baseUrl: emulator.url,
      version: "v23.0",
      appSecret: emulator.appSecret,
      verifyToken: "bench-verify",
    },
  });
  try {
    await emulator.setWebhookUrl(`${charla.url}/webhooks/whatsapp`);
    const { db } = database;
    const system = { kind: "system" } as const;
    const tenant = await createTenant(db, { slug: "bench", name: "Bench" }, system);
    const { key } = await createApiKey(db, { tenantId: tenant.id, name: "bench", role: "developer" }, system);
    await connectAccount(
      charla.services,
      tenant.id,
      { wabaId: DEFAULT_WABAS[0]!.id, accessToken: emulator.token },
      system,
    );
    await db.update(phoneNumbers).set({ throughputPerSecond: options.throughputPerSecond ?? 1000 });
    // Customers who wrote in the last hour: free-form replies are allowed.
    await db.execute(sql`
      insert into contacts (tenant_id, phone, wa_id, last_inbound_at)
      select ${tenant.id}::uuid, '+5491150' || lpad(i::text, 6, '0'), '5491150' || lpad(i::text, 6, '0'), now() - interval '1 hour'
      from generate_series(1, ${total}) i`);
    // The window is per business number: open it with the number the API sends from (the oldest).
    await db.execute(sql`
      insert into conversations (tenant_id, phone_number_id, contact_id, last_message_at, last_inbound_at)
      select c.tenant_id, n.id, c.id, c.last_inbound_at, c.last_inbound_at
      from contacts c
      cross join lateral (
        select id from phone_numbers where tenant_id = c.tenant_id order by created_at limit 1
      ) n
      where c.tenant_id = ${tenant.id}::uuid`);

    const api = new Pool(charla.url!, { connections: clients });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const acceptMs: number[] = [];
    let next = 0;
    const statementsBefore = statementSnapshot();
    topStatements(); // forgets the setup's
    const started = performance.now();
    const cpuBefore = { process: process.cpuUsage(), postgres: postgresCpuSeconds() };
    if (process.env.BENCH_MARK) process.stderr.write(`MARK start ${process.hrtime.bigint() / 1000n}\n`);
    const batchSize = options.batchSize ?? 0;
    const body = (i: number) => ({
      to: `+5491150${String(i).padStart(6, "0")}`,
      type: "text",
      text: { body: `bench ${i}` },
    });
    const batches = async () => {
      while (next < total) {
        const first = next + 1;
        next = Math.min(total, next + batchSize);
        const items = Array.from({ length: next - first + 1 }, (_, n) => body(first + n));
        const t0 = performance.now();
        const res = await api.request({
          method: "POST",
          path: "/v1/messages/batch",
          headers,
          body: JSON.stringify({ messages: items }),
        });
        const answer = (await res.body.json()) as { results: { status: number }[] };
        if (res.statusCode !== 200 || answer.results.some((r) => r.status !== 202))
          throw new Error(`POST /v1/messages/batch answered ${res.statusCode}`);
        for (const _item of items) acceptMs.push(performance.now() - t0);
        progress("accepted ", acceptMs.length, total);
      }
    };
    await Promise.all(
      Array.from({ length: batchSize ? Math.min(clients, 4) : clients }, async () => {
        if (batchSize) return batches();
        while (next < total) {
          const i = ++next;
          const body = JSON.stringify({
            to: `+5491150${String(i).padStart(6, "0")}`,
            type: "text",
            text: { body: `bench ${i}` },
          });
          const t0 = performance.now();
          const res = await api.request({ method: "POST", path: "/v1/messages", headers, body });
          await res.body.dump();
          if (res.statusCode !== 202) throw new Error(`POST /v1/messages answered ${res.statusCode}`);
          acceptMs.push(performance.now() - t0);
          if (acceptMs.length % 100 === 0 || acceptMs.length === total)
            progress("accepted ", acceptMs.length, total);
        }
      }),
    );
    const acceptedAt = performance.now();
    if (process.env.BENCH_MARK) process.stderr.write(`MARK end ${process.hrtime.bigint() / 1000n}\n`);
    let delivered = 0;
    while (!options.acceptOnly && delivered < total) {
      const result = await db.execute(
        sql`select count(*)::int as n from messages where status in ('delivered', 'read')`,
      );
      delivered = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
      progress("delivered", delivered, total);
      if (delivered < total) await new Promise((resolve) => setTimeout(resolve, 100));
      if (performance.now() - started > 600_000)
        throw new Error(`only ${delivered}/${total} delivered after 10 minutes`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpuBefore.process);
    const cpu = {
      charla: Math.round((cpuUsed.user + cpuUsed.system) / 10_000) / 100,
      postgres: Math.round((postgresCpuSeconds() - cpuBefore.postgres) * 100) / 100,
    };
    if (process.env.BENCH_MARK) process.stderr.write(`MARK delivered ${process.hrtime.bigint() / 1000n}\n`);
    if (process.env.BENCH_STATEMENT_LOG === "1")
      console.error(
        JSON.stringify({ statements: statementsSince(statementsBefore), top: topStatements(25) }),
      );
    await api.close();
    const phases = await pipelinePhases(db);
    acceptMs.sort((a, b) => a - b);
    return {
      database: options.kind,
      batchSize: batchSize || 1,
      messages: total,
      acceptedPerSecond: Math.round(total / ((acceptedAt - started) / 1000)),
      deliveredPerSecond: options.acceptOnly ? 0 : Math.round(total / seconds),
      secondsToAllDelivered: options.acceptOnly ? 0 : Math.round(seconds * 100) / 100,
      secondsAfterAccepted: options.acceptOnly
        ? 0
        : Math.round(seconds * 100 - (acceptedAt - started) / 10) / 100,
      p50AcceptMs: Math.round(acceptMs[Math.floor(total * 0.5)]! * 10) / 10,
      p99AcceptMs: Math.round(acceptMs[Math.floor(total * 0.99)]! * 10) / 10,
      phases,
      cpu,
    };
  } finally {
    await charla.close();
    await database.close();
    await postgres?.drop();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const postgresUrl = env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const kinds = (env.BENCH_KINDS ?? "pglite,postgres").split(",");
  const batchSizes = (env.BENCH_BATCH_SIZE ?? "0").split(",").map(Number);
  const common = {
    messages: env.BENCH_MESSAGES ? Number(env.BENCH_MESSAGES) : undefined,
    clients: env.BENCH_CLIENTS ? Number(env.BENCH_CLIENTS) : undefined,
    throughputPerSecond: env.BENCH_THROUGHPUT ? Number(env.BENCH_THROUGHPUT) : undefined,
    acceptOnly: env.BENCH_ACCEPT_ONLY === "1",
  };
  // On a shared machine the ceiling moves during a run: it is measured before and after each send
  // run, and the ratios use the mean of the two around it.
  let raw = await measureRawSend({ durationMs: 3_000 });
  console.log(JSON.stringify({ rawSendPerSecond: raw.perSecond, connections: raw.connections }));
  const postgresUp = kinds.includes("postgres") && (await postgresAnswers(postgresUrl));
  if (kinds.includes("postgres") && !postgresUp)
    console.error(`PostgreSQL at ${postgresUrl} does not answer: skipped`);
  const run = async (options: SendBenchOptions) => {
    const result = await measureSend(options);
    const before = raw.perSecond;
    raw = await measureRawSend({ durationMs: 3_000 });
    const ceiling = (before + raw.perSecond) / 2;
    const ratio = (perSecond: number) => Math.round((perSecond / ceiling) * 10_000) / 10_000;
    console.log(
      JSON.stringify({
        ...result,
        rawSendPerSecond: [before, raw.perSecond],
        acceptedRatio: ratio(result.acceptedPerSecond),
        deliveredRatio: ratio(result.deliveredPerSecond),
        load: loadavg()[0]!.toFixed(1),
      }),
    );
  };
  for (const batchSize of batchSizes) {
    const options = { ...common, batchSize: batchSize || undefined };
    if (kinds.includes("pglite")) await run({ kind: "pglite", ...options });
    if (postgresUp) await run({ kind: "postgres", postgresUrl, ...options });
  }
}
