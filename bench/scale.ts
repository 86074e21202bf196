/**
 * Scale-out on one PostgreSQL: one API process (`charla start --no-workers`) and 1, 2 and 4 worker
 * processes (`charla worker`), each configuration on a fresh database. Messages go in through
 * POST /v1/messages/batch (500 a request) and are counted delivered; then every message is checked
 * at the emulator (in this process): 0 lost (never sent) and 0 duplicated (sent twice) is required.
 *
 *   node bench/scale.ts        (BENCH_MESSAGES=3000, BENCH_WORKERS=1,2,4, BENCH_POSTGRES_URL=...)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { Pool } from "undici";
import { loadConfig } from "../src/config/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { phoneNumbers } from "../src/db/schema.ts";
import { createApiKey, createTenant } from "../src/modules/accounts/index.ts";
import { startCharla } from "../src/runtime.ts";
import { connectSandboxAccount, startSandbox } from "../src/sandbox.ts";
import { freshPostgres } from "./send.ts";

const SECRET_KEY = "5".repeat(64);

function charlaProcess(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ["src/cli/main.ts", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const match = /API:\s+(http:\/\/\S+)\/v1/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`charla ${args.join(" ")} exited ${code}: ${out}`)));
  });
  // A worker prints no URL: its promise would reject when it is stopped.
  url.catch(() => {});
  return { child, url };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

export async function measureScale(workers: number, total: number, postgresUrl: string) {
  const postgres = await freshPostgres(postgresUrl);
  const sandbox = await startSandbox({
    version: "v23.0",
    throughputPerSecond: 0,
    pairRate: null,
    enforceWindow: false,
    statusDelaysMs: { sent: 0, delivered: 0, read: null },
    maxLogEntries: 200_000,
    webhookDelivery: { batchMaxEvents: 25, batchWindowMs: 50 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), "charla-scale-"));
  const env = {
    DATABASE_URL: postgres.url,
    SANDBOX: "false",
    SEED_DEMO: "false",
    PORT: "0",
    SECRET_KEY,
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: "8",
    WHATSAPP_GRAPH_URL: sandbox.graph.baseUrl,
    WHATSAPP_API_VERSION: sandbox.graph.version,
    WHATSAPP_APP_SECRET: sandbox.graph.appSecret,
  };
  const api = charlaProcess(["start", "--no-workers"], env);
  const children: ChildProcess[] = [api.child];
  const database = await openDatabase({ url: postgres.url, poolSize: 4 });
  try {
    const apiUrl = await api.url;
    sandbox.attach(apiUrl);
    // Setup through an in-process Charla (no API, no workers) on the same database.
    const setup = await startCharla({
      config: loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SECRET_KEY }),
      api: false,
      workers: false,
      database,
      graph: sandbox.graph,
    });
    const system = { kind: "system" } as const;
    const tenant = await createTenant(database.db, { slug: "scale", name: "Scale" }, system);
    const { key } = await createApiKey(
      database.db,
      { tenantId: tenant.id, name: "b", role: "developer" },
      system,
    );
    const { phoneNumbers: numbers } = await connectSandboxAccount(setup.services, tenant.id, sandbox);
    await setup.close();
    await database.db.update(phoneNumbers).set({ throughputPerSecond: 1000 });
    await database.db.execute(sql`
      insert into contacts (tenant_id, phone, wa_id, last_inbound_at)
      select ${tenant.id}::uuid, '+5491150' || lpad(i::text, 6, '0'), '5491150' || lpad(i::text, 6, '0'), now() - interval '1 hour'
      from generate_series(1, ${total}) i`);
    await database.db.execute(sql`
      insert into conversations (tenant_id, phone_number_id, contact_id, last_message_at, last_inbound_at)
      select c.tenant_id, ${numbers[0]!.id}::uuid, c.id, c.last_inbound_at, c.last_inbound_at
      from contacts c where c.tenant_id = ${tenant.id}::uuid`);
    for (let i = 0; i < workers; i++) {
      const worker = charlaProcess(["worker"], env);
      children.push(worker.child);
    }
    // Workers are up once each has registered (pg-boss creates its queues at start).
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const client = new Pool(apiUrl, { connections: 4 });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < total) {
          const first = next + 1;
          next = Math.min(total, next + 500);
          const items = Array.from({ length: next - first + 1 }, (_, n) => ({
            to: `+5491150${String(first + n).padStart(6, "0")}`,
            type: "text",
            text: { body: `scale ${first + n}` },
          }));
          const res = await client.request({
            method: "POST",
            path: "/v1/messages/batch",
            headers,
            body: JSON.stringify({ messages: items }),
          });
          const answer = (await res.body.json()) as { results: { status: number }[] };
          if (answer.results?.some((r) => r.status !== 202)) throw new Error("a batch item was refused");
        }
      }),
    );
    const acceptedSeconds = (performance.now() - started) / 1000;
    const delivered = async () => {
      const result = (await database.db.execute(
        sql`select count(*)::int as n from messages where status in ('delivered', 'read')`,
      )) as unknown as { rows: { n: number }[] };
      return Number(result.rows[0]?.n ?? 0);
    };
    while ((await delivered()) < total) {
      if (performance.now() - started > 300_000) throw new Error("not all delivered after 5 minutes");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    await client.close();
    const sends = new Map<string, number>();
    for (const message of sandbox.emulator.state.messages.values()) {
      const id = (message.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data;
      if (id) sends.set(id, (sends.get(id) ?? 0) + 1);
    }
    const ids = (
      (await database.db.execute(sql`select id from messages where direction = 'outbound'`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows.map((row) => row.id);
    return {
      workers,
      messages: total,
      acceptedPerSecond: Math.round(total / acceptedSeconds),
      deliveredPerSecond: Math.round(total / seconds),
      lost: ids.filter((id) => !sends.has(id)).length,
      duplicated: ids.filter((id) => (sends.get(id) ?? 0) > 1).length,
    };
  } finally {
    for (const child of children.reverse()) await stop(child);
    await database.close();
    await sandbox.close();
    await postgres.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const total = process.env.BENCH_MESSAGES ? Number(process.env.BENCH_MESSAGES) : 3_000;
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  for (const workers of (process.env.BENCH_WORKERS ?? "1,2,4").split(",").map(Number)) {
    const result = await measureScale(workers, total, postgresUrl);
    console.log(JSON.stringify(result));
    if (result.lost > 0 || result.duplicated > 0) process.exitCode = 1;
  }
}
