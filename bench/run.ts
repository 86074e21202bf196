/** `npm run bench`: runs every bench and prints a table; throughput figures carry their ratio to raw-send. */
import { measureAnalytics } from "./analytics.ts";
import { measureBillingIngest } from "./billing-ingest.ts";
import { measureEmulatorLoad } from "./emulator-load.ts";
import { measureInbox } from "./inbox.ts";
import { measureIngest } from "./ingest.ts";
import { measureRawSend } from "./raw-send.ts";
import { measureSend, postgresAnswers, type SendBenchResult } from "./send.ts";

interface BenchRow {
  name: string;
  result: Record<string, unknown> & { perSecond?: number };
}

const env = process.env;
const durationMs = env.BENCH_DURATION_MS ? Number(env.BENCH_DURATION_MS) : undefined;
const postgresUrl = env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const sendOptions = {
  messages: env.BENCH_MESSAGES ? Number(env.BENCH_MESSAGES) : undefined,
  clients: env.BENCH_CLIENTS ? Number(env.BENCH_CLIENTS) : undefined,
};

const rows: BenchRow[] = [];
process.stderr.write("running raw-send ...\n");
const raw = await measureRawSend({
  connections: env.BENCH_CONNECTIONS ? Number(env.BENCH_CONNECTIONS) : undefined,
  durationMs,
});
rows.push({ name: "raw-send (emulator POST /messages, keep-alive)", result: { ...raw } });

if (env.BENCH_EMULATOR_LOAD !== "0") {
  process.stderr.write("running emulator-load (4 numbers x 1,000 msg/s, 3 status webhooks each) ...\n");
  const load = await measureEmulatorLoad({ durationMs });
  rows.push({
    name: "emulator-load (emulator in a child process)",
    result: { perSecond: load.sendPerSecond, ...load },
  });
}

const ratio = (perSecond: number) => Math.round((perSecond / raw.perSecond) * 10_000) / 10_000;
const sendRow = (result: SendBenchResult): BenchRow => ({
  name: `send ${result.database} (${result.batchSize > 1 ? `POST /v1/messages/batch of ${result.batchSize}` : "API"} -> delivered)`,
  result: {
    perSecond: result.deliveredPerSecond,
    ratioToRawSend: ratio(result.deliveredPerSecond),
    acceptedPerSecond: result.acceptedPerSecond,
    acceptedRatio: ratio(result.acceptedPerSecond),
    messages: result.messages,
    p50AcceptMs: result.p50AcceptMs,
    p99AcceptMs: result.p99AcceptMs,
  },
});
process.stderr.write("running send on PGlite ...\n");
rows.push(sendRow(await measureSend({ kind: "pglite", ...sendOptions })));
if (await postgresAnswers(postgresUrl)) {
  process.stderr.write("running send on PostgreSQL ...\n");
  rows.push(sendRow(await measureSend({ kind: "postgres", postgresUrl, ...sendOptions })));
  process.stderr.write("running send through the batch endpoint on PostgreSQL ...\n");
  rows.push(sendRow(await measureSend({ kind: "postgres", postgresUrl, ...sendOptions, batchSize: 500 })));
  // Stored Meta-style notifications of 25 statuses -> applied, events published (goal: >= 10,000/s).
  process.stderr.write("running status ingest on PostgreSQL ...\n");
  const ingest = await measureIngest(
    "postgres",
    env.BENCH_INGEST_MESSAGES ? Number(env.BENCH_INGEST_MESSAGES) : 10_000,
    postgresUrl,
  );
  rows.push({
    name: "ingest postgres (stored notifications of 25 statuses -> applied, events published)",
    result: { perSecond: ingest.statusesPerSecond, ...ingest },
  });
} else process.stderr.write(`PostgreSQL at ${postgresUrl} does not answer: send on PostgreSQL skipped\n`);

// Billing: status ingest with billing on versus off, alternating in one run (issue 13 asks >= 0.8).
for (const target of (await postgresAnswers(postgresUrl)) ? [undefined, postgresUrl] : [undefined]) {
  process.stderr.write(`running billing-ingest on ${target ? "PostgreSQL" : "PGlite"} ...\n`);
  const billing = await measureBillingIngest(target ? "postgres" : "pglite", 2_000, target);
  rows.push({
    name: `billing-ingest ${billing.database} (${billing.statusesPerMessage} statuses, billing on vs off)`,
    result: { perSecond: billing.onPerSecond, ratioToRawSend: ratio(billing.onPerSecond), ...billing },
  });
}

// The shared inbox: agents on SSE while the sandbox delivers inbound messages (BENCH_AGENTS, BENCH_RATE, BENCH_SECONDS).
const inboxOptions = {
  agents: env.BENCH_AGENTS ? Number(env.BENCH_AGENTS) : undefined,
  ratePerSecond: env.BENCH_RATE ? Number(env.BENCH_RATE) : undefined,
  seconds: env.BENCH_SECONDS ? Number(env.BENCH_SECONDS) : undefined,
};
for (const target of (await postgresAnswers(postgresUrl)) ? [undefined, postgresUrl] : [undefined]) {
  process.stderr.write(`running inbox on ${target ? "PostgreSQL" : "PGlite"} ...\n`);
  const inbox = await measureInbox({ ...inboxOptions, postgresUrl: target });
  rows.push({
    name: `inbox ${inbox.database} (emulator webhook -> SSE at every agent)`,
    result: { ...inbox },
  });
}

// Dashboards on 10M generated messages, rollups vs raw messages (long: generation takes minutes). BENCH_ANALYTICS=1.
if (env.BENCH_ANALYTICS === "1" && (await postgresAnswers(postgresUrl))) {
  process.stderr.write("running analytics (generated messages, dashboards on rollups vs raw) ...\n");
  const analytics = await measureAnalytics(
    postgresUrl,
    env.BENCH_ANALYTICS_MESSAGES ? Number(env.BENCH_ANALYTICS_MESSAGES) : undefined,
  );
  for (const query of analytics.queries)
    rows.push({
      name: `analytics postgres ${analytics.messages} messages: ${query.query}`,
      result: { ...query },
    });
}

const table = rows.map((r) => ({
  bench: r.name,
  "per second": r.result.perSecond ?? "",
  details: Object.entries(r.result)
    .filter(([k]) => k !== "perSecond")
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" "),
}));
const cols = ["bench", "per second", "details"] as const;
const width = (c: (typeof cols)[number]) => Math.max(c.length, ...table.map((t) => String(t[c]).length));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width(cols[i]!))).join(" | ")} |`;
console.log(line([...cols]));
console.log(line(cols.map((c) => "-".repeat(width(c)))));
for (const t of table) console.log(line(cols.map((c) => String(t[c]))));
if (env.BENCH_JSON === "1") console.log(JSON.stringify(rows));
