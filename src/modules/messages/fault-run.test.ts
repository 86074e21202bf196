import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { phoneNumbers } from "../numbers/schema.ts";

const SENDS = 1_000;
const rank: Record<string, number> = { sent: 3, delivered: 4, read: 5, failed: 6 };

type StatusChange = { value?: { statuses?: { id: string; status: string }[] } };
type Notification = { entry: { changes: StatusChange[] }[] };

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

// Many ingest workers and the dispatcher on one row at once: PostgreSQL, where they truly run in parallel.
describe.skipIf(!inject("postgresUrl"))("a fault run of sends and Meta's webhooks [postgres]", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      "postgres",
      { WORKER_CONCURRENCY: "4" },
      {
        throughputPerSecond: 0,
        pairRate: null,
        enforceWindow: false,
        statusDelaysMs: { sent: 0, delivered: 5, read: 10 },
        maxLogEntries: 100_000,
        webhookDelivery: {
          attempts: 5,
          baseDelayMs: 50,
          timeoutMs: 5_000,
          batchMaxEvents: 25,
          batchWindowMs: 20,
        },
        faults: {
          webhookDropRate: 0.05,
          webhookDuplicateRate: 0.3,
          webhookReorderRate: 0.3,
          webhookReorderWindowMs: 300,
        },
      },
    );
  });
  afterAll(() => h?.close());

  it(`ends ${SENDS} sends with no message behind the best status Meta delivered`, {
    timeout: 180_000,
  }, async () => {
    const { db } = h.charla.services.database;
    await db.update(phoneNumbers).set({ throughputPerSecond: 1_000 });
    // Customers who wrote an hour ago on the sending number: free-form replies are allowed.
    await db.execute(sql`
      insert into contacts (tenant_id, phone, wa_id, last_inbound_at)
      select ${h.tenant.id}::uuid, '+5491160' || lpad(i::text, 6, '0'), '5491160' || lpad(i::text, 6, '0'), now() - interval '1 hour'
      from generate_series(1, ${SENDS}) i`);
    await db.execute(sql`
      insert into conversations (tenant_id, phone_number_id, contact_id, last_message_at, last_inbound_at)
      select c.tenant_id, ${h.number.id}::uuid, c.id, c.last_inbound_at, c.last_inbound_at
      from contacts c where c.tenant_id = ${h.tenant.id}::uuid and c.phone like '+5491160%'`);

    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < SENDS) {
          const i = ++next;
          const to = `+5491160${String(i).padStart(6, "0")}`;
          const res = await h.api("POST", "/v1/messages", { to, type: "text", text: { body: `run ${i}` } });
          expect(res.status, JSON.stringify(res.body)).toBe(202);
        }
      }),
    );

    const emulator = h.sandbox.emulator;
    // Meta is done: every message at its last status (some recipients never read), and no
    // notification waiting to be (re)tried, for a second on end.
    const settled = () =>
      emulator.state.messages.size >= SENDS &&
      [...emulator.state.messages.values()].every((m) => m.status === "read" || m.status === "delivered") &&
      emulator.webhooks.deliveries.every((d) => d.status !== "pending");
    await eventually(
      async () =>
        settled() && (await new Promise((resolve) => setTimeout(resolve, 1_000))) === undefined && settled(),
      { timeoutMs: 60_000, what: "Meta done with every message" },
    );
    // Charla is done: every stored webhook ingested.
    await eventually(
      async () => {
        const [left] = rows<{ n: number }>(
          await db.execute(
            sql`select count(*)::int as n from whatsapp_webhook_events where processed_at is null`,
          ),
        );
        return left?.n === 0;
      },
      { timeoutMs: 30_000, what: "every stored webhook ingested" },
    );

    const best = new Map<string, number>();
    const delivered = emulator.webhooks.deliveries.filter((d) => d.status === "delivered");
    for (const d of delivered)
      for (const entry of (d.payload as Notification).entry)
        for (const change of entry.changes)
          for (const status of change.value?.statuses ?? [])
            best.set(status.id, Math.max(best.get(status.id) ?? 0, rank[status.status] ?? 0));
    const faults = emulator.webhooks.deliveries;
    expect(faults.some((d) => d.duplicate)).toBe(true);
    expect(faults.some((d) => d.reordered)).toBe(true);
    expect(faults.some((d) => (d.payload as Notification).entry[0]!.changes.length > 1)).toBe(true);

    const stored = rows<{ wamid: string | null; status: string }>(
      await db.execute(sql`select wamid, status from messages where direction = 'outbound'`),
    );
    expect(stored).toHaveLength(SENDS);
    const behind = stored.filter((m) => m.wamid === null || (rank[m.status] ?? 0) < (best.get(m.wamid) ?? 0));
    expect(behind).toEqual([]);
    const [errors] = rows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from whatsapp_webhook_events where error is not null`),
    );
    expect(errors?.n).toBe(0);
  });
});
