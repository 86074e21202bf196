/**
 * Status ingest: Meta-style notifications of 25 statuses each (sent, then delivered, for every
 * message), stored as the receiver stores them, then ingested by the worker's job: statuses
 * applied to their messages (ranked, never backwards) and the message.sent / message.delivered
 * events published to a customer webhook subscription (its deliveries go to a local sink).
 * Reported as statuses applied per second, from the wake-up to the last one applied.
 *
 *   node bench/ingest.ts        (BENCH_MESSAGES=10000 -> 20,000 statuses; BENCH_DATABASES=postgres,pglite;
 *                                BENCH_ANALYZE=0 leaves the set-up tables without statistics;
 *                                BENCH_MARK=1 prints the measured window's start and end on
 *                                --cpu-prof's clock, for profile-summary.ts)
 */

import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config/config.ts";
import { type Database, type DatabaseKind, openDatabase } from "../src/db/client.ts";
import { createTenant } from "../src/modules/accounts/index.ts";
import { startCharla } from "../src/runtime.ts";
import { connectSandboxAccount, startSandbox } from "../src/sandbox.ts";
import { statusBodies } from "./meta-webhooks.ts";
import { freshPostgres, postgresAnswers, postgresCpuSeconds } from "./send.ts";
import { installStatementCounter, slowestStatements } from "./statement-counter.ts";

// BENCH_STATEMENT_LOG=1: where the ingest waits on the database.
if (process.env.BENCH_STATEMENT_LOG === "1") installStatementCounter();

export interface IngestBenchResult {
  database: DatabaseKind;
  statuses: number;
  statusesPerSecond: number;
  eventsPublished: number;
  seconds: number;
  /** CPU seconds over the measured window: Charla's process, and the PostgreSQL backends of its database. */
  cpu: { charla: number; postgres: number };
}

async function count(database: Database, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await database.db.execute(query)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/** A customer's webhook endpoint that takes everything. */
async function sink() {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export async function measureIngest(kind: DatabaseKind, messages = 10_000, postgresUrl?: string) {
  const postgres = kind === "postgres" ? await freshPostgres(postgresUrl!) : null;
  const database = await openDatabase(
    postgres ? { url: postgres.url, poolSize: 20 } : { dataDir: "memory://" },
  );
  const sandbox = await startSandbox({ version: "v23.0" });
  const endpoint = await sink();
  const dataDir = mkdtempSync(join(tmpdir(), "charla-bench-"));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "4".repeat(64),
    WORKER_CONCURRENCY: "8",
    WEBHOOKS_ALLOW_PRIVATE: "true",
  });
  const charla = await startCharla({ config, api: false, workers: true, database, graph: sandbox.graph });
  try {
    const { db } = database;
    const system = { kind: "system" } as const;
    const tenant = await createTenant(db, { slug: "bench", name: "Bench" }, system);
    const { phoneNumbers } = await connectSandboxAccount(charla.services, tenant.id, sandbox);
    const number = phoneNumbers[0]!;
    await db.execute(sql`
      insert into webhook_subscriptions (tenant_id, url, event_types, active, secret_sealed)
      values (${tenant.id}::uuid, ${endpoint.url}, array['message.sent', 'message.delivered'], true,
        ${charla.services.secrets.seal("bench-secret")})`);
    await db.execute(sql`
      insert into contacts (tenant_id, phone, wa_id)
      select ${tenant.id}::uuid, '+5491150' || lpad(i::text, 6, '0'), '5491150' || lpad(i::text, 6, '0')
      from generate_series(1, ${messages}) i`);
    await db.execute(sql`
      insert into messages (tenant_id, phone_number_id, contact_id, direction, type, content, category, status, wamid, accepted_at)
      select ${tenant.id}::uuid, ${number.id}::uuid, c.id, 'outbound', 'text', '{}'::jsonb, 'service', 'accepted',
        'wamid.ingest.' || c.wa_id, now()
      from contacts c where c.tenant_id = ${tenant.id}::uuid`);
    const waIds = Array.from({ length: messages }, (_, i) => `5491150${String(i + 1).padStart(6, "0")}`);
    // As Meta sends them: a notification of 25 "sent", later one of 25 "delivered".
    const bodies: string[] = [];
    for (let i = 0; i < waIds.length; i += 25) {
      const slice = waIds.slice(i, i + 25);
      for (const status of ["sent", "delivered"] as const)
        bodies.push(
          ...statusBodies(
            number.phoneNumberId,
            slice.map((waId) => ({ wamid: `wamid.ingest.${waId}`, waId, status })),
          ),
        );
    }
    // Stored as the receiver stores them (its work is measured by the send bench), unwoken.
    for (let i = 0; i < bodies.length; i += 500) {
      const chunk = bodies.slice(i, i + 500);
      await db.execute(sql`
        insert into whatsapp_webhook_events (body)
        select value from jsonb_array_elements(${`[${chunk.join(",")}]`}::jsonb)`);
    }
    // Statistics as a live database has them (autovacuum analyzes): without them the planner
    // guesses a fresh table's size and hashes all of it for every batch's update.
    if (process.env.BENCH_ANALYZE !== "0") await db.execute(sql`analyze contacts, messages`);
    const statuses = messages * 2;
    if (process.env.BENCH_STATEMENT_LOG === "1") slowestStatements();
    const databaseName = postgres ? new URL(postgres.url).pathname.slice(1) : "";
    const cpuBefore = {
      process: process.cpuUsage(),
      postgres: postgres ? postgresCpuSeconds(databaseName) : 0,
    };
    const started = performance.now();
    if (process.env.BENCH_MARK) process.stderr.write(`MARK start ${process.hrtime.bigint() / 1000n}\n`);
    await charla.services.boss.send("whatsapp-ingest-pending", {});
    const done = sql`select count(*)::int as n from messages where status = 'delivered' and tenant_id = ${tenant.id}::uuid`;
    while ((await count(database, done)) < messages) {
      if (performance.now() - started > 300_000) throw new Error("statuses not all applied after 5 minutes");
      // Every poll counts the tenant's messages on the database under test: 25 ms keeps that
      // load small, and can only add time (at most one interval) to the measured run.
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpuBefore.process);
    const cpu = {
      charla: Math.round((cpuUsed.user + cpuUsed.system) / 10_000) / 100,
      postgres: postgres
        ? Math.round((postgresCpuSeconds(databaseName) - cpuBefore.postgres) * 100) / 100
        : 0,
    };
    if (process.env.BENCH_MARK) process.stderr.write(`MARK end ${process.hrtime.bigint() / 1000n}\n`);
    if (process.env.BENCH_STATEMENT_LOG === "1") console.error(slowestStatements());
    const eventsPublished = await count(
      database,
      sql`select count(*)::int as n from webhook_deliveries where tenant_id = ${tenant.id}::uuid`,
    );
    return {
      database: kind,
      statuses,
      statusesPerSecond: Math.round(statuses / seconds),
      eventsPublished,
      seconds: Math.round(seconds * 100) / 100,
      cpu,
    } satisfies IngestBenchResult;
  } finally {
    await charla.close();
    await sandbox.close();
    await endpoint.close();
    await database.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const messages = process.env.BENCH_MESSAGES ? Number(process.env.BENCH_MESSAGES) : 10_000;
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  for (const kind of (process.env.BENCH_DATABASES ?? "postgres").split(",") as DatabaseKind[]) {
    if (kind === "postgres" && !(await postgresAnswers(postgresUrl))) continue;
    console.log(JSON.stringify(await measureIngest(kind, messages, postgresUrl)));
  }
}
