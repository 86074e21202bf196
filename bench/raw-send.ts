/**
 * The emulator's ceiling: bare keep-alive POST /{phone-number-id}/messages per second from
 * undici with N concurrent connections for a bounded duration, throughput and pair limits off.
 *
 *   node bench/raw-send.ts            (prints JSON)
 *   BENCH_CONNECTIONS=64 BENCH_DURATION_MS=5000 BENCH_EMULATOR=worker|inline node bench/raw-send.ts
 *   BENCH_URL=http://127.0.0.1:4010 ... targets an already running emulator instead
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Pool } from "undici";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_WABAS, type EmulatorConfigInput } from "../src/emulator/config.ts";
import { startEmulator } from "../src/emulator/server.ts";

export interface RawSendOptions {
  connections?: number;
  durationMs?: number;
  /** where the emulator runs: a worker thread (default), this thread, or an existing URL */
  emulator?: "worker" | "inline";
  url?: string;
  accessToken?: string;
  phoneNumberId?: string;
}

export interface RawSendResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  connections: number;
  emulator: string;
}

const BENCH_CONFIG: EmulatorConfigInput = {
  throughputPerSecond: 0,
  pairRate: null,
  enforceWindow: false,
  webhookUrl: null,
  maxLogEntries: 50_000,
};

async function withEmulator<T>(
  opts: RawSendOptions,
  fn: (url: string, token: string) => Promise<T>,
): Promise<T> {
  if (opts.url) return fn(opts.url, opts.accessToken ?? DEFAULT_ACCESS_TOKEN);
  if (opts.emulator === "inline") {
    const emu = await startEmulator(BENCH_CONFIG);
    try {
      return await fn(emu.url, emu.config.accessToken);
    } finally {
      await emu.close();
    }
  }
  const worker = new Worker(new URL("./emulator-worker.ts", import.meta.url), { workerData: BENCH_CONFIG });
  try {
    const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    return await fn(ready.url, ready.token);
  } finally {
    await worker.terminate();
  }
}

export async function measureRawSend(opts: RawSendOptions = {}): Promise<RawSendResult> {
  const connections = opts.connections ?? 64;
  const durationMs = opts.durationMs ?? 5_000;
  const phoneNumberId = opts.phoneNumberId ?? DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
  return withEmulator(opts, async (url, token) => {
    const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
    const path = `/v23.0/${phoneNumberId}/messages`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    let requests = 0;
    let errors = 0;
    const one = async (i: number) => {
      const body = JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: `5215500${String(i % 1_000_000).padStart(6, "0")}`,
        type: "text",
        text: { body: "bench" },
      });
      const res = await pool.request({ method: "POST", path, headers, body });
      await res.body.dump();
      if (res.statusCode === 200) requests++;
      else errors++;
    };
    // warm up the connections
    await Promise.all(Array.from({ length: connections }, (_, i) => one(i)));
    requests = 0;
    errors = 0;
    const start = performance.now();
    const end = start + durationMs;
    let n = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) await one(n++);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    await pool.close();
    return {
      requests,
      errors,
      seconds: Math.round(seconds * 1000) / 1000,
      perSecond: Math.round(requests / seconds),
      connections,
      emulator: opts.url ?? opts.emulator ?? "worker",
    };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const result = await measureRawSend({
    connections: env.BENCH_CONNECTIONS ? Number(env.BENCH_CONNECTIONS) : undefined,
    durationMs: env.BENCH_DURATION_MS ? Number(env.BENCH_DURATION_MS) : undefined,
    emulator: env.BENCH_EMULATOR === "inline" ? "inline" : "worker",
    url: env.BENCH_URL,
  });
  console.log(JSON.stringify(result));
}
