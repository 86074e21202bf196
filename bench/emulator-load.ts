/**
 * Meta's load profile against the emulator: 1,000 messages/s per number on 4 numbers (the
 * upgraded throughput tier), each message followed by 3 status webhooks (sent, delivered, read),
 * which is the traffic Meta asks webhook receivers to withstand. Every part has its own process:
 * the emulator (emulator-process.ts; its webhook POSTs from its own thread, or from `workers`
 * delivery threads), the webhook receiver (emulator-receiver.ts: checks every signature over the
 * raw bytes) and one paced load generator per number (emulator-generator.ts), so neither the
 * generator nor the receiver is what limits the rate. Reports the rates achieved as ratios of the
 * target, every webhook counted (statusRatio 1: none lost), the send latencies, and each part's CPU
 * share (process.cpuUsage over wall time: 1.0 = one core busy all along; the emulator's counts all
 * its threads) with messages per emulator CPU second, the figure that holds when the machine is
 * shared and every process gets a slice of a core.
 *
 *   node bench/emulator-load.ts                  (prints JSON)
 *   BENCH_LOAD_MS=5000 BENCH_LOAD_RATE=1000 BENCH_LOAD_NUMBERS=4 BENCH_LOAD_BATCH=1 BENCH_LOAD_WORKERS=0 \
 *     BENCH_LOAD_NODE_FLAGS="--max-semi-space-size=32" BENCH_LOAD_PROFILE=/tmp/prof node bench/emulator-load.ts
 */
import { type ChildProcess, fork } from "node:child_process";
import { loadavg } from "node:os";
import { DEFAULT_APP_SECRET, type EmulatorConfigInput, type SeedWaba } from "../src/emulator/config.ts";

export interface EmulatorLoadOptions {
  /** Messages per second per number (Meta's upgraded tier: 1,000). */
  ratePerNumber?: number;
  numbers?: number;
  durationMs?: number;
  /** Longest wait after the load for the last status webhooks. */
  drainMs?: number;
  /** Events per webhook POST (1: one per POST, as Meta does at low volume; up to 1,000). */
  batchMaxEvents?: number;
  /** The emulator's webhook delivery threads (0: its main thread posts them). */
  workers?: number;
  /** Node flags of the emulator's process (default EMULATOR_NODE_FLAGS). */
  emulatorNodeFlags?: string[];
}

/** None by default (a larger young generation, `--max-semi-space-size=32`, made no measurable difference). */
export const EMULATOR_NODE_FLAGS: string[] = [];

export interface EmulatorLoadResult {
  numbers: number;
  targetPerSecond: number;
  sendPerSecond: number;
  sendRatio: number;
  rejected: number;
  errors: number;
  statusesExpected: number;
  statusesReceived: number;
  statusRatio: number;
  statusesPerSecond: number;
  /** ms after the load stopped until the last expected status arrived (null: not within drainMs). */
  drainLagMs: number | null;
  webhookPosts: number;
  /** POSTs whose X-Hub-Signature-256 did not match their bytes (the receiver checks every one). */
  badSignatures: number;
  emulatorWorkers: number;
  emulatorNodeFlags: string[];
  emulatorCpuShare: number;
  /**
   * Messages (each with its 3 status webhooks) per second of the emulator's CPU: what one core
   * given to it alone would carry, when the machine starves it (compare loadAverage with the cores).
   */
  messagesPerEmulatorCpuSecond: number;
  /** Accepted sends' latency (high: the emulator is the limit, not the generator). */
  sendLatencyMs: { p50: number; p99: number };
  /** The same for the load generators (one process per number) and the receiver's process. */
  generatorCpuShare: number;
  receiverCpuShare: number;
  /** The machine's 1-minute load average at the end (above its core count: the figures are starved). */
  loadAverage: number;
  seconds: number;
}

const cpuCores = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage, wallMs: number) =>
  Math.round(((b.user - a.user + b.system - a.system) / 1000 / wallMs) * 1000) / 1000;

function seedNumbers(count: number): SeedWaba[] {
  return [
    {
      id: "100000000000001",
      name: "Load",
      phoneNumbers: Array.from({ length: count }, (_, i) => ({
        id: `1300000000000${String(i + 1).padStart(2, "0")}`,
        displayPhoneNumber: `+1 555-020-00${String(i + 1).padStart(2, "0")}`,
        verifiedName: `Load ${i + 1}`,
        qualityRating: "GREEN" as const,
        messagingLimitTier: "TIER_UNLIMITED" as const,
        registered: true,
      })),
    },
  ];
}

interface ReceiverCounts {
  counts: { statuses: number; posts: number; badSignatures: number; firstAt: number; lastAt: number };
  cpu: NodeJS.CpuUsage;
  at: number;
}

function ask<T>(child: ChildProcess, cmd: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (msg: Record<string, unknown>) => {
      if (!(key in msg)) return;
      child.off("message", onMessage);
      resolve(msg as T);
    };
    child.on("message", onMessage);
    child.send({ cmd });
  });
}

/** Forks one of the bench's processes and waits for its first message (its address). */
async function forkBench<T>(file: string, args: string[], nodeFlags: string[] = []) {
  const child = fork(new URL(file, import.meta.url), args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [...process.execArgv, ...nodeFlags],
  });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once("message", (msg) => resolve(msg as T));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { child, ...ready };
}

interface GeneratorReport {
  tally: { accepted: number; rejected: number; errors: number };
  latencies: number[];
  cpuSeconds: number;
  ms: number;
}

/** One generator process per number, forked and ready; `go()` starts them all, resolving with their reports. */
async function generators(url: string, token: string, numberIds: string[], rate: number, durationMs: number) {
  const forked = await Promise.all(
    numberIds.map((numberId) =>
      forkBench<unknown>("./emulator-generator.ts", [
        JSON.stringify({ url, token, numberId, rate, durationMs }),
      ]),
    ),
  );
  return () => {
    const reports = forked.map(
      ({ child }) =>
        new Promise<GeneratorReport>((resolve) => child.once("message", (m) => resolve(m as never))),
    );
    for (const { child } of forked) child.send({ go: true });
    return Promise.all(reports);
  };
}

const percentile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;

type Cpu = { cpu: NodeJS.CpuUsage; at: number };
const cpuSeconds = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
const ratio = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);

export async function measureEmulatorLoad(options: EmulatorLoadOptions = {}): Promise<EmulatorLoadResult> {
  const rate = options.ratePerNumber ?? 1_000;
  const count = options.numbers ?? 4;
  const durationMs = options.durationMs ?? 5_000;
  const drainMs = options.drainMs ?? 15_000;
  const workers = options.workers ?? 0;
  const emulatorFlags = [...(options.emulatorNodeFlags ?? EMULATOR_NODE_FLAGS)];
  // BENCH_LOAD_PROFILE=dir writes a V8 CPU profile of the emulator there.
  if (process.env.BENCH_LOAD_PROFILE)
    emulatorFlags.push("--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_LOAD_PROFILE}`);
  const receiver = await forkBench<{ port: number }>("./emulator-receiver.ts", [DEFAULT_APP_SECRET]);
  const config: EmulatorConfigInput = {
    wabas: seedNumbers(count),
    webhookUrl: `http://127.0.0.1:${receiver.port}/webhook`,
    appSecret: DEFAULT_APP_SECRET,
    throughputPerSecond: rate,
    pairRate: null,
    enforceWindow: false,
    statusDelaysMs: { sent: 0, delivered: 100, read: 200 },
    maxLogEntries: 20_000,
    webhookDelivery: { batchMaxEvents: options.batchMaxEvents ?? 1, batchWindowMs: 20, workers },
  };
  const emulator = await forkBench<{ url: string; token: string }>(
    "./emulator-process.ts",
    [JSON.stringify(config)],
    emulatorFlags,
  );
  const received = () => ask<ReceiverCounts>(receiver.child, "counts", "counts");
  const numberIds = seedNumbers(count)[0]!.phoneNumbers.map((p) => p.id);
  const go = await generators(emulator.url, emulator.token, numberIds, rate, durationMs);
  try {
    const cpu0 = await ask<Cpu>(emulator.child, "cpu", "cpu");
    const rcv0 = await received();
    const t0 = Date.now();
    const reports = await go();
    const loadEnd = Date.now();
    const tallies = reports.map((r) => r.tally);
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const accepted = tallies.reduce((sum, t) => sum + t.accepted, 0);
    const expected = accepted * 3;
    let rcv1 = await received();
    while (rcv1.counts.statuses < expected && Date.now() - loadEnd < drainMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      rcv1 = await received();
    }
    const cpu1 = await ask<Cpu>(emulator.child, "cpu", "cpu");
    const { counts } = rcv1;
    const sendSeconds = (loadEnd - t0) / 1000;
    const statusSeconds = (Math.max(counts.lastAt, loadEnd) - t0) / 1000;
    return {
      numbers: count,
      targetPerSecond: rate * count,
      sendPerSecond: Math.round(accepted / sendSeconds),
      sendRatio: ratio(accepted / sendSeconds, rate * count),
      rejected: tallies.reduce((sum, t) => sum + t.rejected, 0),
      errors: tallies.reduce((sum, t) => sum + t.errors, 0),
      statusesExpected: expected,
      statusesReceived: counts.statuses,
      statusRatio: ratio(counts.statuses, expected),
      statusesPerSecond: Math.round(counts.statuses / statusSeconds),
      drainLagMs: counts.statuses >= expected ? Math.max(0, counts.lastAt - loadEnd) : null,
      webhookPosts: counts.posts,
      badSignatures: counts.badSignatures,
      emulatorWorkers: workers,
      emulatorNodeFlags: emulatorFlags,
      emulatorCpuShare: cpuCores(cpu0.cpu, cpu1.cpu, cpu1.at - cpu0.at),
      messagesPerEmulatorCpuSecond: Math.round(accepted / cpuSeconds(cpu0.cpu, cpu1.cpu)),
      sendLatencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
      generatorCpuShare:
        Math.round((reports.reduce((sum, r) => sum + r.cpuSeconds, 0) / sendSeconds) * 1000) / 1000,
      receiverCpuShare: cpuCores(rcv0.cpu, rcv1.cpu, rcv1.at - rcv0.at),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
      seconds: Math.round(statusSeconds * 10) / 10,
    };
  } finally {
    for (const { child } of [emulator, receiver]) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ cmd: "close" });
      await exited;
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const numeric = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const result = await measureEmulatorLoad({
    ratePerNumber: numeric("BENCH_LOAD_RATE"),
    numbers: numeric("BENCH_LOAD_NUMBERS"),
    durationMs: numeric("BENCH_LOAD_MS"),
    batchMaxEvents: numeric("BENCH_LOAD_BATCH"),
    workers: numeric("BENCH_LOAD_WORKERS"),
    emulatorNodeFlags: env.BENCH_LOAD_NODE_FLAGS?.split(" ").filter(Boolean),
  });
  console.log(JSON.stringify(result, null, 2));
}
