/**
 * Database statements (= round trips on PostgreSQL) per message on each path, counted by wrapping
 * the drivers (statement-counter.ts): API accept (POST /v1/messages, 16 at once), batch accept
 * (POST /v1/messages/batch), dispatch (queued -> accepted at the emulator), status ingest (sent and
 * delivered for every message, Meta-style notifications of 25, receiver + ingest) and inbound
 * (one notification per message, receiver + ingest). The API and the workers run as two Charla
 * instances on one database, so each phase counts only its own path; pg-boss's share (job
 * insert, fetch, complete, idle polling) is given apart.
 *
 *   node bench/statements.ts      (BENCH_MESSAGES=1000, BENCH_POSTGRES_URL=...; BENCH_STATEMENT_LOG=1 lists them)
 *   BENCH_PATHS=inbound           only these paths (accept,batch,dispatch,status,inbound)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { Pool } from "undici";
import { loadConfig } from "../src/config/config.ts";
import { type Database, type DatabaseKind, openDatabase } from "../src/db/client.ts";
import { createApiKey, createTenant } from "../src/modules/accounts/index.ts";
import { startCharla } from "../src/runtime.ts";
import { connectSandboxAccount, startSandbox } from "../src/sandbox.ts";
import { inboundBodies, postWebhooks, statusBodies } from "./meta-webhooks.ts";
import { freshPostgres, postgresAnswers } from "./send.ts";
import {
  BENCH_MARK,
  installStatementCounter,
  type StatementCounts,
  statementSnapshot,
  statementsSince,
  topStatements,
} from "./statement-counter.ts";

installStatementCounter();

export interface PathCount {
  path: string;
  messages: number;
  statementsPerMessage: number;
  bossPerMessage: number;
}

async function count(database: Database, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await database.db.execute(sql`${sql.raw(BENCH_MARK)} ${query}`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(result.rows[0]?.n ?? 0);
}

async function until(database: Database, query: ReturnType<typeof sql>, want: number, what: string) {
  const started = performance.now();
  while ((await count(database, query)) < want) {
    if (performance.now() - started > 300_000) throw new Error(`${what}: not done after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const phone = (prefix: string, i: number) => `${prefix}${String(i).padStart(6, "0")}`;

/** The paths BENCH_PATHS names (all when unset). */
const paths = new Set((process.env.BENCH_PATHS ?? "accept,batch,dispatch,status,inbound").split(","));

export async function measureStatements(kind: DatabaseKind, total = 1_000, postgresUrl?: string) {
  const postgres = kind === "postgres" ? await freshPostgres(postgresUrl!) : null;
  const database = await openDatabase(
    postgres ? { url: postgres.url, poolSize: 20 } : { dataDir: "memory://" },
  );
  // Never attached to Charla: the statuses are the ones this bench posts.
  const sandbox = await startSandbox({ version: "v23.0", throughputPerSecond: 0, pairRate: null });
  const dataDir = mkdtempSync(join(tmpdir(), "charla-bench-"));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "3".repeat(64),
    WORKER_CONCURRENCY: "8",
  });
  const api = await startCharla({ config, api: true, workers: false, database, graph: sandbox.graph });
  const results: PathCount[] = [];
  const record = (path: string, messages: number, since: StatementCounts) => {
    const used = statementsSince(since);
    results.push({
      path,
      messages,
      statementsPerMessage: Math.round((used.total / messages) * 100) / 100,
      bossPerMessage: Math.round((used.boss / messages) * 100) / 100,
    });
    if (process.env.BENCH_STATEMENT_LOG === "1") console.error(path, topStatements());
  };
  let workers: Awaited<ReturnType<typeof startCharla>> | null = null;
  try {
    const system = { kind: "system" } as const;
    const tenant = await createTenant(database.db, { slug: "bench", name: "Bench" }, system);
    const { key } = await createApiKey(
      database.db,
      { tenantId: tenant.id, name: "b", role: "developer" },
      system,
    );
    const { phoneNumbers } = await connectSandboxAccount(api.services, tenant.id, sandbox);
    const number = phoneNumbers[0]!;
    // Meta's upgraded tier, as in the send bench: the token bucket does not pace the dispatch phase.
    await database.db.execute(sql`update phone_numbers set throughput_per_second = 1000`);
    await database.db.execute(sql`
      insert into contacts (tenant_id, phone, wa_id, last_inbound_at)
      select ${tenant.id}::uuid, '+' || ${"5491150"} || lpad(i::text, 6, '0'), '5491150' || lpad(i::text, 6, '0'), now() - interval '1 hour'
      from generate_series(1, ${total * 3}) i`);
    await database.db.execute(sql`
      insert into conversations (tenant_id, phone_number_id, contact_id, last_message_at, last_inbound_at)
      select c.tenant_id, ${number.id}::uuid, c.id, c.last_inbound_at, c.last_inbound_at
      from contacts c where c.tenant_id = ${tenant.id}::uuid`);
    const text = (i: number) => ({
      to: `+${phone("5491150", i)}`,
      type: "text",
      text: { body: `bench ${i}` },
    });
    const client = new Pool(api.url!, { connections: 16 });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const post = async (path: string, body: unknown) => {
      const res = await client.request({ method: "POST", path, headers, body: JSON.stringify(body) });
      const answer = await res.body.text();
      if (res.statusCode >= 300)
        throw new Error(`${path} answered ${res.statusCode}: ${answer.slice(0, 300)}`);
    };
    // Warm-up: JIT and prepared statements, not counted.
    for (let i = 1; i <= 20; i++) await post("/v1/messages", text(total * 3 - i + 1));

    let since = statementSnapshot();
    let next = 0;
    const accepted = paths.has("accept") ? total : 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < accepted) await post("/v1/messages", text(++next));
      }),
    );
    if (accepted) record("API accept (POST /v1/messages, 16 at once)", total, since);

    // BENCH_BATCH=0 leaves the batch endpoint out (to count a version that has none).
    const batchSize = process.env.BENCH_BATCH === "0" || !paths.has("batch") ? 0 : Math.min(total, 1000);
    if (batchSize > 0) {
      since = statementSnapshot();
      const batch = Array.from({ length: batchSize }, (_, i) => text(total + i + 1));
      await post("/v1/messages/batch", { messages: batch });
      record(`batch accept (POST /v1/messages/batch of ${batchSize})`, batchSize, since);
    }
    const queued = accepted + batchSize + 20;

    // Dispatch: a worker instance starts (its start-up statements measured apart and taken off).
    const workerConfig = { config, api: false, workers: true, database, graph: sandbox.graph };
    since = statementSnapshot();
    await (await startCharla({ ...workerConfig, workers: false })).close();
    const startup = statementsSince(since);
    since = statementSnapshot();
    workers = await startCharla(workerConfig);
    await until(
      database,
      sql`select count(*)::int as n from messages where wamid is not null and direction = 'outbound'`,
      queued,
      "dispatch",
    );
    since = { total: since.total + startup.total, boss: since.boss + startup.boss };
    if (paths.has("dispatch")) record("dispatch (queued -> accepted at the emulator)", queued, since);

    const sent = (await database.db.execute(
      sql`select m.id, m.wamid, c.wa_id from messages m join contacts c on c.id = m.contact_id where m.direction = 'outbound'`,
    )) as unknown as { rows: { id: string; wamid: string; wa_id: string }[] };
    const statuses = sent.rows.flatMap((row) =>
      (["sent", "delivered"] as const).map((status) => ({
        wamid: row.wamid,
        waId: row.wa_id,
        status,
        callback: row.id,
      })),
    );
    since = statementSnapshot();
    if (paths.has("status")) {
      await postWebhooks(api.url!, sandbox.graph.appSecret, statusBodies(number.phoneNumberId, statuses));
      await until(
        database,
        sql`select count(*)::int as n from messages where status = 'delivered'`,
        queued,
        "statuses",
      );
      record("status ingest (receiver + ingest, 25 per notification)", statuses.length, since);
    }

    const from = Array.from({ length: total }, (_, i) => phone("5491170", i));
    since = statementSnapshot();
    await postWebhooks(api.url!, sandbox.graph.appSecret, inboundBodies(number.phoneNumberId, from, "in"));
    await until(
      database,
      sql`select count(*)::int as n from messages where direction = 'inbound'`,
      total,
      "inbound",
    );
    record("inbound (receiver + ingest, new contact each)", total, since);
    await client.close();
    return { database: kind, results };
  } finally {
    await workers?.close();
    await api.close();
    await sandbox.close();
    await database.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const total = process.env.BENCH_MESSAGES ? Number(process.env.BENCH_MESSAGES) : 1_000;
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const kinds = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",") as DatabaseKind[];
  for (const kind of kinds) {
    if (kind === "postgres" && !(await postgresAnswers(postgresUrl))) continue;
    const { results } = await measureStatements(kind, total, postgresUrl);
    console.log(`\n${kind}`);
    console.table(results);
  }
}
