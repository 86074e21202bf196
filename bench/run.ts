/** `npm run bench`: runs every bench and prints a table. */
import { measureRawSend } from "./raw-send.ts";

interface BenchRow {
  name: string;
  result: Record<string, unknown> & { perSecond?: number };
}

const env = process.env;
const durationMs = env.BENCH_DURATION_MS ? Number(env.BENCH_DURATION_MS) : undefined;

const benches: { name: string; run: () => Promise<Record<string, unknown> & { perSecond?: number }> }[] = [
  {
    name: "raw-send (emulator POST /messages, keep-alive)",
    run: async () => {
      const r = await measureRawSend({
        connections: env.BENCH_CONNECTIONS ? Number(env.BENCH_CONNECTIONS) : undefined,
        durationMs,
      });
      return { ...r };
    },
  },
];

const rows: BenchRow[] = [];
for (const b of benches) {
  process.stderr.write(`running ${b.name} ...\n`);
  rows.push({ name: b.name, result: await b.run() });
}

const table = rows.map((r) => ({
  bench: r.name,
  "per second": r.result.perSecond ?? "",
  details: Object.entries(r.result)
    .filter(([k]) => k !== "perSecond")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" "),
}));
const cols = ["bench", "per second", "details"] as const;
const width = (c: (typeof cols)[number]) => Math.max(c.length, ...table.map((t) => String(t[c]).length));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width(cols[i]!))).join(" | ")} |`;
console.log(line([...cols]));
console.log(line(cols.map((c) => "-".repeat(width(c)))));
for (const t of table) console.log(line(cols.map((c) => String(t[c]))));
if (env.BENCH_JSON === "1") console.log(JSON.stringify(rows));
