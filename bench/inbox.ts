/**
 * The shared inbox under load: N agents hold Server-Sent Event streams while the sandbox delivers
 * inbound messages at a fixed rate. Reported: p50/p99/max time from the emulator taking the
 * customer's message (its webhook to Charla follows at once) to the `message.received` event
 * reaching each agent, events lost, and the server's peak RSS. Charla and its emulator run in a
 * child process (`charla start`), the agents in this one, so the server's RSS is its own.
 *
 *   node bench/inbox.ts
 *   BENCH_AGENTS=200 BENCH_RATE=100 BENCH_SECONDS=20 BENCH_POSTGRES_URL=postgres://... (else PGlite)
 *   BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server's fan-out.
 *
 * "Every agent" figures take, per message, the time until the LAST agent had it; the machine's load
 * average (os.loadavg, as `uptime` prints it) is reported before and after, since others share it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface InboxBenchOptions {
  agents?: number;
  ratePerSecond?: number;
  seconds?: number;
  postgresUrl?: string | undefined;
}

export interface InboxBenchResult {
  database: "pglite" | "postgres";
  agents: number;
  messages: number;
  /** Inbound messages the emulator did not take (the machine was saturated). */
  failedInjections: number;
  deliveries: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Per message, until the last subscribed agent had it. */
  everyAgentP50Ms: number;
  everyAgentP99Ms: number;
  serverPeakRssMb: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  /** On PostgreSQL, p50 of each leg: emulator -> webhook stored, stored -> ingested (committed), ingested -> last agent. */
  phasesP50Ms?: Legs;
  /** The same legs' p99 (each taken alone: the slowest messages of one leg need not be those of another). */
  phasesP99Ms?: Legs;
}

interface Legs {
  toStored: number;
  toIngested: number;
  toAgent: number;
}

/** Where the time goes, from the stored webhooks' times (PostgreSQL only: the table is read from outside). */
async function phases(url: string, sentAt: Map<string, number>, lastArrival: Map<string, number>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ text: string | null; received: Date; processed: Date | null }>(
    `select substring(body::text from 'bench [0-9]+') as text, received_at as received, processed_at as processed
       from whatsapp_webhook_events`,
  );
  await client.end();
  const legs = { toStored: [] as number[], toIngested: [] as number[], toAgent: [] as number[] };
  for (const row of rows) {
    const sent = row.text ? sentAt.get(row.text) : undefined;
    const arrived = row.text ? lastArrival.get(row.text) : undefined;
    if (sent === undefined || !row.processed || arrived === undefined) continue;
    legs.toStored.push(row.received.getTime() - sent);
    legs.toIngested.push(row.processed.getTime() - row.received.getTime());
    legs.toAgent.push(sent + arrived - row.processed.getTime());
  }
  for (const values of Object.values(legs)) values.sort((a, b) => a - b);
  const at = (p: number): Legs => ({
    toStored: Math.round(percentile(legs.toStored, p)),
    toIngested: Math.round(percentile(legs.toIngested, p)),
    toAgent: Math.round(percentile(legs.toAgent, p)),
  });
  return { phasesP50Ms: at(50), phasesP99Ms: at(99) };
}

interface Server {
  child: ChildProcess;
  url: string;
  emulatorUrl: string;
  apiKey: string;
}

async function startServer(dataDir: string, postgresUrl?: string): Promise<Server> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const child = spawn(process.execPath, ["src/cli/main.ts", "start"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      SANDBOX: "true",
      SANDBOX_PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "",
      ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const url = /API:\s+(http:\/\/\S+)\/v1/.exec(out)?.[1];
      const apiKey = /API key:\s+(\S+)/.exec(out)?.[1];
      const emulatorUrl = /emulator\) at (http:\/\/[^\s,]+)/.exec(out)?.[1];
      if (url && apiKey && emulatorUrl) resolve({ child, url, apiKey, emulatorUrl });
    });
    child.once("exit", (code) => reject(new Error(`charla start exited ${code}: ${out}`)));
  });
}

/** One agent's stream: calls `onReceived(text, at)` for each message.received. */
async function connectAgent(
  server: Server,
  onReceived: (text: string, at: number) => void,
  signal: AbortSignal,
) {
  const response = await fetch(`${server.url}/v1/events/stream`, {
    headers: { authorization: `Bearer ${server.apiKey}` },
    signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (!block.includes("event: message.received")) continue;
          const text = /"body":"(bench [^"]+)"/.exec(block)?.[1];
          if (text) onReceived(text, performance.now() + performance.timeOrigin);
        }
      }
    } catch {}
  })();
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

/** A throwaway database on the server of `url` (the bench never writes to the one named there). */
async function throwawayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `charla_bench_inbox_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return { url: parsed.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export async function measureInbox(options: InboxBenchOptions = {}): Promise<InboxBenchResult> {
  const agents = options.agents ?? 200;
  const rate = options.ratePerSecond ?? 100;
  const seconds = options.seconds ?? 20;
  const dataDir = mkdtempSync(join(tmpdir(), "charla-bench-inbox-"));
  const database = options.postgresUrl ? await throwawayDatabase(options.postgresUrl) : null;
  const server = await startServer(dataDir, database?.url);
  const killServer = () => server.child.kill("SIGKILL");
  process.once("exit", killServer);
  const abort = new AbortController();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const lastArrival = new Map<string, number>();
  let deliveries = 0;
  const loadAverageBefore = loadavg().map((value) => Math.round(value * 100) / 100);
  let failedInjections = 0;
  let peakRss = rssMb(server.child.pid!);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.child.pid!));
  }, 250);
  try {
    for (let i = 0; i < agents; i++)
      await connectAgent(
        server,
        (text, at) => {
          const start = sentAt.get(text);
          if (start === undefined) return;
          deliveries++;
          latencies.push(at - start);
          lastArrival.set(text, Math.max(lastArrival.get(text) ?? 0, at - start));
        },
        abort.signal,
      );
    const total = rate * seconds;
    const began = performance.now();
    const injections: Promise<unknown>[] = [];
    for (let n = 0; n < total; n++) {
      const due = began + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const text = `bench ${n}`;
      const from = `5491170${String(n % 500).padStart(6, "0")}`;
      sentAt.set(text, performance.now() + performance.timeOrigin);
      injections.push(
        fetch(`${server.emulatorUrl}/_emulator/inbound`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ from, text }),
        })
          .then((response) => response.arrayBuffer())
          .catch(() => {
            failedInjections++;
            sentAt.delete(text);
          }),
      );
    }
    await Promise.all(injections);
    const expected = (total - failedInjections) * agents;
    const deadline = Date.now() + 30_000;
    while (deliveries < expected && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const sorted = latencies.sort((a, b) => a - b);
    const everyAgent = [...lastArrival.values()].sort((a, b) => a - b);
    return {
      database: options.postgresUrl ? "postgres" : "pglite",
      agents,
      messages: total - failedInjections,
      failedInjections,
      deliveries,
      lost: expected - deliveries,
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
      maxMs: Math.round(sorted.at(-1) ?? 0),
      everyAgentP50Ms: Math.round(percentile(everyAgent, 50)),
      everyAgentP99Ms: Math.round(percentile(everyAgent, 99)),
      serverPeakRssMb: peakRss,
      loadAverageBefore,
      loadAverageAfter: loadavg().map((value) => Math.round(value * 100) / 100),
      ...(database ? await phases(database.url, sentAt, lastArrival) : {}),
    };
  } finally {
    clearInterval(sampler);
    abort.abort();
    process.off("exit", killServer);
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const result = await measureInbox({
    agents: env.BENCH_AGENTS ? Number(env.BENCH_AGENTS) : undefined,
    ratePerSecond: env.BENCH_RATE ? Number(env.BENCH_RATE) : undefined,
    seconds: env.BENCH_SECONDS ? Number(env.BENCH_SECONDS) : undefined,
    postgresUrl: env.BENCH_POSTGRES_URL,
  });
  console.log(JSON.stringify(result, null, 2));
}
