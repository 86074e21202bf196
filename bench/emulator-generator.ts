/**
 * One number's load for bench/emulator-load.ts, in its own process (one per number) so the load
 * generator is not what limits the rate: `rate` messages/s for `durationMs`, paced in 5 ms steps,
 * at most 256 in flight, over 32 keep-alive connections. Started by the parent's "go"; answers
 * with its tally, the latencies (ms) of its accepted sends and the CPU it used.
 */
import { Pool } from "undici";

interface GeneratorJob {
  url: string;
  token: string;
  numberId: string;
  rate: number;
  durationMs: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as GeneratorJob;
const pool = new Pool(job.url, { connections: 32, pipelining: 1 });
const MAX_IN_FLIGHT = 256;

async function pace() {
  const tally = { accepted: 0, rejected: 0, errors: 0 };
  const latencies: number[] = [];
  const start = performance.now();
  let issued = 0;
  let inFlight = 0;
  // undici's dispatcher with a handler of our own (no body stream or promise per response):
  // the generator must cost the machine as little as it can, to leave the CPU to the emulator.
  const sendOne = (n: number) =>
    new Promise<void>((resolve) => {
      inFlight++;
      const sentAt = performance.now();
      let statusCode = 0;
      const done = (error: boolean) => {
        inFlight--;
        if (error) tally.errors++;
        else if (statusCode === 200) {
          tally.accepted++;
          latencies.push(performance.now() - sentAt);
        } else tally.rejected++;
        resolve();
      };
      pool.dispatch(
        {
          path: `/v25.0/${job.numberId}/messages`,
          method: "POST",
          headers: { authorization: `Bearer ${job.token}`, "content-type": "application/json" },
          body: JSON.stringify({
            messaging_product: "whatsapp",
            to: `5491170${String(n % 100_000).padStart(6, "0")}`,
            type: "text",
            text: { body: `load ${n}` },
          }),
        },
        {
          onRequestStart: () => {},
          onResponseStart: (_controller, status) => {
            statusCode = status;
          },
          onResponseData: () => {},
          onResponseEnd: () => done(false),
          onResponseError: () => done(true),
        },
      );
    });
  const pending = new Set<Promise<void>>();
  while (performance.now() - start < job.durationMs) {
    const due = Math.floor(((performance.now() - start) / 1000) * job.rate) - issued;
    for (let i = 0; i < due && inFlight < MAX_IN_FLIGHT; i++) {
      const p = sendOne(issued++).finally(() => pending.delete(p));
      pending.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  return { tally, latencies };
}

process.send?.({ ready: true });
process.once("message", async () => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { tally, latencies } = await pace();
  const cpu = process.cpuUsage(cpu0);
  await pool.close();
  process.send?.(
    { tally, latencies, cpuSeconds: (cpu.user + cpu.system) / 1e6, ms: performance.now() - t0 },
    () => process.exit(0),
  );
});
