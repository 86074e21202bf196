/**
 * Status ingest with billing on versus off, in the same run: N delivered statuses (Meta-style
 * notifications of 25 statuses, signed) for messages of a tenant without a wallet (billing off:
 * the subscriber finds nothing to settle), then for the same number of messages reserved by a
 * tenant with a wallet (billing on: release + charge postings, balance, volume tiers). Reported as
 * statuses ingested per second and the ratio on/off (the issue asks for >= 0.8).
 *
 *   node bench/billing-ingest.ts            (BENCH_MESSAGES=2000, BENCH_POSTGRES_URL=...)
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { Pool } from "undici";
import { loadConfig } from "../src/config/config.ts";
import { type Database, type DatabaseKind, openDatabase } from "../src/db/client.ts";
import { createTenant } from "../src/modules/accounts/index.ts";
import { configureWallet, reserveForMessages, topUp } from "../src/modules/billing/index.ts";
import { startCharla } from "../src/runtime.ts";
import { connectSandboxAccount, startSandbox } from "../src/sandbox.ts";
import { freshPostgres, postgresAnswers } from "./send.ts";

export interface BillingIngestResult {
  database: DatabaseKind;
  messages: number;
  offPerSecond: number;
  onPerSecond: number;
  ratio: number;
}

const PRICING = { billable: true, pricing_model: "PMP", category: "utility", type: "regular" };

async function rows(database: Database, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await database.db.execute(query)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

export async function measureBillingIngest(kind: DatabaseKind, total = 2_000, postgresUrl?: string) {
  const postgres = kind === "postgres" ? await freshPostgres(postgresUrl!) : null;
  const database = await openDatabase(
    postgres ? { url: postgres.url, poolSize: 20 } : { dataDir: "memory://" },
  );
  const sandbox = await startSandbox({ version: "v23.0" });
  const dataDir = mkdtempSync(join(tmpdir(), "charla-bench-"));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SECRET_KEY: "2".repeat(64),
    WORKER_CONCURRENCY: "8",
  });
  const charla = await startCharla({ config, api: true, workers: true, database, graph: sandbox.graph });
  const api = new Pool(charla.url!, { connections: 8 });
  try {
    const system = { kind: "system" } as const;
    // One tenant and number (a WABA belongs to one tenant): billing is off until its wallet opens.
    const tenant = await createTenant(database.db, { slug: "bench", name: "Bench" }, system);
    const { phoneNumbers } = await connectSandboxAccount(charla.services, tenant.id, sandbox);
    const number = phoneNumbers[0]!;
    const phase = async (label: "warm" | "off" | "on", count = total) => {
      const prefix = { warm: "5491140", off: "5491150", on: "5491160" }[label];
      await database.db.execute(sql`
        insert into contacts (tenant_id, phone, wa_id)
        select ${tenant.id}::uuid, '+' || ${prefix} || lpad(i::text, 6, '0'), ${prefix} || lpad(i::text, 6, '0')
        from generate_series(1, ${count}) i`);
      await database.db.execute(sql`
        insert into messages (id, tenant_id, phone_number_id, contact_id, direction, type, content, category, status, wamid)
        select gen_random_uuid(), ${tenant.id}::uuid, ${number.id}::uuid, c.id, 'outbound', 'template', '{}'::jsonb,
          'utility', 'accepted', 'wamid.' || ${label} || '.' || c.wa_id
        from contacts c where c.tenant_id = ${tenant.id}::uuid and c.wa_id like ${`${prefix}%`}`);
      if (label === "on") {
        await configureWallet(database.db, tenant.id, { currency: "USD" });
        await database.db.transaction((tx) =>
          topUp(
            { boss: charla.services.boss, tx },
            { tenantId: tenant.id, amountMicros: 1e12, key: "bench", reference: "bench", author: "bench" },
          ),
        );
        const sent = (await database.db.execute(
          sql`select m.id, m.contact_id, c.phone from messages m join contacts c on c.id = m.contact_id where m.tenant_id = ${tenant.id}::uuid and c.wa_id like ${`${prefix}%`}`,
        )) as unknown as { rows: { id: string; contact_id: string; phone: string }[] };
        for (let i = 0; i < sent.rows.length; i += 500)
          await database.db.transaction((tx) =>
            reserveForMessages(
              { boss: charla.services.boss, tx },
              sent.rows.slice(i, i + 500).map((m) => ({
                messageId: m.id,
                tenantId: tenant.id,
                phoneNumberId: number.id,
                contactId: m.contact_id,
                templateId: null,
                category: "utility",
                phone: m.phone,
                windowOpen: false,
                at: new Date(),
              })),
            ),
          );
      }
      const bodies: string[] = [];
      for (let i = 1; i <= count; i += 25) {
        const statuses = [];
        for (let j = i; j < Math.min(i + 25, count + 1); j++) {
          const waId = `${prefix}${String(j).padStart(6, "0")}`;
          statuses.push({
            id: `wamid.${label}.${waId}`,
            status: "delivered",
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: waId,
            pricing: PRICING,
          });
        }
        bodies.push(
          JSON.stringify({
            object: "whatsapp_business_account",
            entry: [
              {
                id: "waba",
                changes: [
                  {
                    field: "messages",
                    value: {
                      messaging_product: "whatsapp",
                      metadata: { display_phone_number: "1", phone_number_id: number.phoneNumberId },
                      statuses,
                    },
                  },
                ],
              },
            ],
          }),
        );
      }
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            const signature = `sha256=${createHmac("sha256", sandbox.graph.appSecret).update(body).digest("hex")}`;
            const res = await api.request({
              method: "POST",
              path: "/webhooks/whatsapp",
              headers: { "content-type": "application/json", "x-hub-signature-256": signature },
              body,
            });
            await res.body.dump();
            if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}`);
          }
        }),
      );
      const done =
        label === "on"
          ? sql`select count(*)::int as n from billing_messages where tenant_id = ${tenant.id}::uuid and state = 'charged'`
          : sql`select count(*)::int as n from messages where tenant_id = ${tenant.id}::uuid and status = 'delivered' and wamid like ${`wamid.${label}.%`}`;
      while ((await rows(database, done)) < count) {
        if (performance.now() - started > 600_000)
          throw new Error(`${label}: not all ingested after 10 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      process.stderr.write(`  billing ${label}: ${count} statuses ingested\n`);
      return Math.round(count / ((performance.now() - started) / 1000));
    };
    // Warm-up (JIT, workers polling), so the first measured phase is not penalised.
    await phase("warm", Math.min(500, total));
    const offPerSecond = await phase("off");
    const onPerSecond = await phase("on");
    const result: BillingIngestResult = {
      database: kind,
      messages: total,
      offPerSecond,
      onPerSecond,
      ratio: Math.round((onPerSecond / offPerSecond) * 1000) / 1000,
    };
    return result;
  } finally {
    await api.close();
    await charla.close();
    await sandbox.close();
    await database.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const total = process.env.BENCH_MESSAGES ? Number(process.env.BENCH_MESSAGES) : 2_000;
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  console.log(JSON.stringify(await measureBillingIngest("pglite", total)));
  if (await postgresAnswers(postgresUrl))
    console.log(JSON.stringify(await measureBillingIngest("postgres", total, postgresUrl)));
}
