/**
 * Meta's load profile against the emulator: 1,000 messages/s per number on 4 numbers (the
 * upgraded throughput tier), each message followed by 3 status webhooks (sent, delivered, read),
 * which is the traffic Meta asks webhook receivers to withstand. The emulator runs alone in a
 * child process; the paced load generator and the webhook receiver run here. Reports the rates
 * achieved as ratios of the target and the emulator's CPU share (process.cpuUsage of the child
 * over wall time: 1.0 = one core busy all along).
 *
 *   node bench/emulator-load.ts                  (prints JSON)
 *   BENCH_LOAD_MS=5000 BENCH_LOAD_RATE=1000 BENCH_LOAD_NUMBERS=4 BENCH_LOAD_BATCH=1 node bench/emulator-load.ts
 */
import { type ChildProcess, fork } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { Pool } from "undici";
import type { EmulatorConfigInput, SeedWaba } from "../src/emulator/config.ts";

export interface EmulatorLoadOptions {
  /** Messages per second per number (Meta's upgraded tier: 1,000). */
  ratePerNumber?: number;
  numbers?: number;
  durationMs?: number;
  /** Longest wait after the load for the last status webhooks. */
  drainMs?: number;
  /** Events per webhook POST (1: one per POST, as Meta does at low volume; up to 1,000). */
  batchMaxEvents?: number;
}

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
  emulatorCpuShare: number;
  /**
   * Messages (each with its 3 status webhooks) per second of the emulator's CPU: what one core
   * given to it alone would carry, when the machine starves it (compare loadAverage with the cores).
   */
  messagesPerEmulatorCpuSecond: number;
  /** The same for this process (load generator and webhook receiver). */
  generatorCpuShare: number;
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

/** Counts status webhooks cheaply (no JSON parsing: the receiver must not be the bottleneck). */
function startReceiver(counts: { statuses: number; posts: number; last: number }): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      counts.posts++;
      counts.statuses += body.split('"recipient_id"').length - 1;
      counts.last = performance.now();
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
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

async function forkEmulator(config: EmulatorConfigInput) {
  const child = fork(new URL("./emulator-process.ts", import.meta.url), [JSON.stringify(config)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // BENCH_LOAD_PROFILE=dir writes a V8 CPU profile of the emulator there.
    execArgv: process.env.BENCH_LOAD_PROFILE
      ? [...process.execArgv, "--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_LOAD_PROFILE}`]
      : process.execArgv,
  });
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once("message", (msg) => resolve(msg as { url: string; token: string }));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
  return { child, ...ready };
}

/** Sends `rate` messages/s to one number for `durationMs`, paced in 5 ms steps, at most `inFlight` at once. */
async function paceNumber(pool: Pool, token: string, numberId: string, rate: number, durationMs: number) {
  const tally = { accepted: 0, rejected: 0, errors: 0 };
  const start = performance.now();
  let issued = 0;
  let inFlight = 0;
  const maxInFlight = 256;
  const sendOne = async (n: number) => {
    inFlight++;
    try {
      const res = await pool.request({
        path: `/v25.0/${numberId}/messages`,
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          to: `5491170${String(n % 100_000).padStart(6, "0")}`,
          type: "text",
          text: { body: `load ${n}` },
        }),
      });
      await res.body.dump();
      if (res.statusCode === 200) tally.accepted++;
      else tally.rejected++;
    } catch {
      tally.errors++;
    } finally {
      inFlight--;
    }
  };
  const pending = new Set<Promise<void>>();
  while (performance.now() - start < durationMs) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate) - issued;
    for (let i = 0; i < due && inFlight < maxInFlight; i++) {
      const p = sendOne(issued++).finally(() => pending.delete(p));
      pending.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  return tally;
}

export async function measureEmulatorLoad(options: EmulatorLoadOptions = {}): Promise<EmulatorLoadResult> {
  const rate = options.ratePerNumber ?? 1_000;
  const count = options.numbers ?? 4;
  const durationMs = options.durationMs ?? 5_000;
  const drainMs = options.drainMs ?? 15_000;
  const counts = { statuses: 0, posts: 0, last: 0 };
  const receiver = await startReceiver(counts);
  const { port } = receiver.address() as AddressInfo;
  const emulator = await forkEmulator({
    wabas: seedNumbers(count),
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    throughputPerSecond: rate,
    pairRate: null,
    enforceWindow: false,
    statusDelaysMs: { sent: 0, delivered: 100, read: 200 },
    maxLogEntries: 20_000,
    webhookDelivery: { batchMaxEvents: options.batchMaxEvents ?? 1, batchWindowMs: 20 },
  });
  const pools = Array.from(
    { length: count },
    () => new Pool(emulator.url, { connections: 32, pipelining: 1 }),
  );
  try {
    const cpu0 = await ask<{ cpu: NodeJS.CpuUsage; at: number }>(emulator.child, "cpu", "cpu");
    const t0 = performance.now();
    const own0 = process.cpuUsage();
    const tallies = await Promise.all(
      pools.map((pool, i) =>
        paceNumber(pool, emulator.token, seedNumbers(count)[0]!.phoneNumbers[i]!.id, rate, durationMs),
      ),
    );
    const loadEnd = performance.now();
    const accepted = tallies.reduce((sum, t) => sum + t.accepted, 0);
    const expected = accepted * 3;
    while (counts.statuses < expected && performance.now() - loadEnd < drainMs)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const cpu1 = await ask<{ cpu: NodeJS.CpuUsage; at: number }>(emulator.child, "cpu", "cpu");
    const own1 = process.cpuUsage();
    const sendSeconds = (loadEnd - t0) / 1000;
    const statusSeconds = (Math.max(counts.last, loadEnd) - t0) / 1000;
    return {
      numbers: count,
      targetPerSecond: rate * count,
      sendPerSecond: Math.round(accepted / sendSeconds),
      sendRatio: Math.round((accepted / sendSeconds / (rate * count)) * 1000) / 1000,
      rejected: tallies.reduce((sum, t) => sum + t.rejected, 0),
      errors: tallies.reduce((sum, t) => sum + t.errors, 0),
      statusesExpected: expected,
      statusesReceived: counts.statuses,
      statusRatio: expected ? Math.round((counts.statuses / expected) * 1000) / 1000 : 0,
      statusesPerSecond: Math.round(counts.statuses / statusSeconds),
      drainLagMs: counts.statuses >= expected ? Math.round(Math.max(0, counts.last - loadEnd)) : null,
      webhookPosts: counts.posts,
      emulatorCpuShare: cpuCores(cpu0.cpu, cpu1.cpu, cpu1.at - cpu0.at),
      messagesPerEmulatorCpuSecond: Math.round(
        accepted / ((cpu1.cpu.user - cpu0.cpu.user + cpu1.cpu.system - cpu0.cpu.system) / 1e6),
      ),
      generatorCpuShare: cpuCores(own0, own1, performance.now() - t0),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
      seconds: Math.round(statusSeconds * 10) / 10,
    };
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    emulator.child.send({ cmd: "close" });
    await new Promise((resolve) => emulator.child.once("exit", resolve));
    receiver.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const result = await measureEmulatorLoad({
    ratePerNumber: env.BENCH_LOAD_RATE ? Number(env.BENCH_LOAD_RATE) : undefined,
    numbers: env.BENCH_LOAD_NUMBERS ? Number(env.BENCH_LOAD_NUMBERS) : undefined,
    durationMs: env.BENCH_LOAD_MS ? Number(env.BENCH_LOAD_MS) : undefined,
    batchMaxEvents: env.BENCH_LOAD_BATCH ? Number(env.BENCH_LOAD_BATCH) : undefined,
  });
  console.log(JSON.stringify(result, null, 2));
}
