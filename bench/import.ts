/**
 * Contact import at scale: `charla contacts import` of a generated CSV (BENCH_IMPORT_ROWS rows,
 * 1,000,000 by default; a few duplicates and refused rows among them) in a child process, so the
 * reported peak RSS (VmHWM) is the importer's own. Reported: rows/s, peak RSS, and the ratio to
 * the raw-send ceiling measured in the same run (the machine is shared: compare ratios).
 *
 *   node bench/import.ts
 *   BENCH_IMPORT_ROWS=200000 BENCH_IMPORT_DB=postgres|pglite|both BENCH_POSTGRES_URL=postgres://...
 *   BENCH_IMPORT_NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=128": the importer's V8
 *   flags. A capped heap shows the memory is bounded (an import that kept rows would die of it);
 *   with Node's defaults, 1,000,000 rows peak at ~240 MB (audiences README: where it went).
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { measureRawSend } from "./raw-send.ts";
import { postgresAnswers } from "./send.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface ImportBenchResult {
  database: "pglite" | "postgres";
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  fileMb: number;
  summary: string;
}

/** A CSV like a shop's export: phone without country code, name, two attributes, tags, opt-in columns. */
async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write("telefono,nombre,ciudad,nivel,etiquetas,fuente,fecha\n");
  for (let i = 0; i < rows; i++) {
    // Every 500th row repeats an earlier phone (merged), every 1,000th is not a phone (refused).
    const n = i % 500 === 499 ? i - 1 : i;
    const phone = i % 1000 === 999 ? "sin teléfono" : `11 ${String(20_000_000 + n)}`;
    const optIn = i % 2 ? "checkout,2026-01-15" : ",";
    const line = `${phone},Cliente ${i},Ciudad ${i % 97},${i % 5},"vip;zona${i % 7}",${optIn}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
}

function cli(args: string[], env: Record<string, string>) {
  const nodeOptions = process.env.BENCH_IMPORT_NODE_OPTIONS;
  const child = spawn(process.execPath, ["src/cli/main.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env, ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }) },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => (stdout += data));
  child.stderr.on("data", (data: Buffer) => (stderr += data));
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
      if (process.env.BENCH_IMPORT_TRACE) {
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        const seconds = Math.round(performance.now() / 1000);
        if (seconds % 5 === 0)
          process.stderr.write(`t=${seconds}s rss=${Math.round(Number(rss) / 1024)}MB\n`);
      }
    } catch {}
  }, 100);
  return new Promise<{ stdout: string; stderr: string; peakKb: number }>((resolve, reject) => {
    child.on("exit", (code) => {
      clearInterval(sample);
      if (code === 0) resolve({ stdout, stderr, peakKb });
      else reject(new Error(`charla ${args.join(" ")} exited ${code}: ${stderr}`));
    });
  });
}

export async function measureImport(options: {
  kind: "pglite" | "postgres";
  rows: number;
  postgresUrl?: string;
}): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "charla-bench-import-"));
  const file = join(dir, "contacts.csv");
  const dbName = `bench_import_${process.pid}`;
  let env: Record<string, string> = { DATA_DIR: join(dir, "data"), LOG_LEVEL: "silent", DATABASE_URL: "" };
  try {
    if (options.kind === "postgres" && options.postgresUrl) {
      const admin = new pg.Client({ connectionString: options.postgresUrl });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const url = new URL(options.postgresUrl);
      url.pathname = `/${dbName}`;
      env = { ...env, DATABASE_URL: url.toString() };
    }
    await writeCsv(file, options.rows);
    await cli(["tenant", "create", "--slug", "bench", "--name", "Bench"], env);
    const started = performance.now();
    const run = await cli(
      [
        ...["contacts", "import", file, "--tenant", "bench", "--phone", "telefono", "--name", "nombre"],
        ...["--attribute", "city=ciudad", "--attribute", "level=nivel", "--tags", "etiquetas"],
        ...["--opt-in-source", "fuente", "--opt-in-date", "fecha", "--default-country", "AR"],
      ],
      env,
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      database: options.kind,
      rows: options.rows,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(options.rows / seconds),
      peakRssMb: Math.round(run.peakKb / 1024),
      fileMb: Math.round((readFileSync(file).length / 1024 / 1024) * 10) / 10,
      summary:
        run.stdout
          .trim()
          .split("\n")
          .find((line) => line.startsWith("Import")) ?? run.stdout.trim(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (env.DATABASE_URL && options.postgresUrl) {
      const admin = new pg.Client({ connectionString: options.postgresUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const rows = env.BENCH_IMPORT_ROWS ? Number(env.BENCH_IMPORT_ROWS) : 1_000_000;
  const which = env.BENCH_IMPORT_DB ?? "both";
  const postgresUrl = env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const raw = await measureRawSend({ durationMs: 3_000 });
  console.log(
    JSON.stringify({ rawSendPerSecond: raw.perSecond, loadAverage: loadavg().map((l) => l.toFixed(2)) }),
  );
  const report = (result: ImportBenchResult) =>
    console.log(
      JSON.stringify({
        ...result,
        ratioToRawSend: Math.round((result.rowsPerSecond / raw.perSecond) * 10_000) / 10_000,
        loadAverage: loadavg().map((l) => l.toFixed(2)),
      }),
    );
  if (which !== "postgres") report(await measureImport({ kind: "pglite", rows }));
  if (which !== "pglite") {
    if (await postgresAnswers(postgresUrl))
      report(await measureImport({ kind: "postgres", rows, postgresUrl }));
    else console.error(`PostgreSQL at ${postgresUrl} does not answer: skipped`);
  }
}
