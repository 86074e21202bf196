import { randomInt } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { inboundTextWebhook } from "../../../test/support/webhooks.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { whatsappWebhookEvents } from "./schema.ts";

describeEachDatabase("webhook ingest", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("has a schedule that makes up for a lost wake-up", async () => {
    const schedules = await h.charla.services.boss.getSchedules();
    expect(schedules.map((schedule) => schedule.name)).toContain(INGEST_QUEUE.name);
  });

  it("ingests webhooks stored without a wake-up, and parks one that keeps failing without holding back the others", async () => {
    const { db } = h.charla.services.database;
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    // As a receiver that crashed after storing them would leave them: stored, nobody woken.
    const stored = await db
      .insert(whatsappWebhookEvents)
      .values([
        {
          body: inboundTextWebhook({
            phoneNumberId: h.number.phoneNumberId,
            from,
            wamid: `wamid.lost-1-${from}`,
            text: "first",
          }),
        },
        { body: { object: "whatsapp_business_account", entry: "not a list" } },
        {
          body: inboundTextWebhook({
            phoneNumberId: h.number.phoneNumberId,
            from,
            wamid: `wamid.lost-2-${from}`,
            text: "second",
          }),
        },
      ])
      .returning({ id: whatsappWebhookEvents.id });
    const [good1, bad, good2] = stored.map((row) => row.id) as [number, number, number];

    // What the schedule does once a minute.
    await h.charla.services.boss.send(INGEST_QUEUE.name, {});

    const rows = await eventually(
      async () => {
        const found = await db
          .select()
          .from(whatsappWebhookEvents)
          .where(inArray(whatsappWebhookEvents.id, [good1, bad, good2]));
        const byId = new Map(found.map((row) => [row.id, row]));
        return byId.get(good1)?.processedAt && byId.get(good2)?.processedAt && byId.get(bad)?.error
          ? byId
          : undefined;
      },
      { what: "the stored webhooks ingested or parked" },
    );
    expect(rows.get(bad)?.processedAt).toBeNull();
    expect(rows.get(bad)?.error).toMatch(/Invalid webhook payload/);

    const inbound = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
      wamid: string;
      content: { text?: { body: string } };
    }[];
    const mine = inbound.filter((message) => message.wamid.endsWith(from));
    expect(mine.map((message) => message.content.text?.body).sort()).toEqual(["first", "second"]);

    // A parked webhook stays out of later claims: another ingest leaves it alone.
    await h.charla.services.boss.send(INGEST_QUEUE.name, {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [still] = await db.select().from(whatsappWebhookEvents).where(eq(whatsappWebhookEvents.id, bad));
    expect(still?.processedAt).toBeNull();
  });
});

describeEachDatabase("webhooks Meta batched", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      kind,
      {},
      {
        webhookDelivery: {
          attempts: 5,
          baseDelayMs: 50,
          timeoutMs: 5_000,
          batchMaxEvents: 25,
          batchWindowMs: 100,
        },
      },
    );
  });
  afterAll(() => h?.close());

  it("ingests every inbound message and status of notifications that carry several changes", async () => {
    const customers = Array.from({ length: 5 }, () => `54911${randomInt(10_000_000, 99_999_999)}`);
    const wamids = customers.map((from) => h.sandbox.emulator.injectInbound({ from, text: "hola" }).id);
    await eventually(async () => {
      const inbound = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        wamid: string;
      }[];
      return wamids.every((wamid) => inbound.some((message) => message.wamid === wamid));
    });
    const sent = await Promise.all(
      customers.map((from) =>
        h.api("POST", "/v1/messages", { to: `+${from}`, type: "text", text: { body: "¡Hola!" } }),
      ),
    );
    expect(sent.map((res) => res.status)).toEqual([202, 202, 202, 202, 202]);
    await eventually(
      async () => {
        const statuses = await Promise.all(
          sent.map(async (res) => (await h.api("GET", `/v1/messages/${res.body.id}`)).body.status),
        );
        return statuses.every((status) => status === "read");
      },
      { what: "every reply read" },
    );
    const batched = h.sandbox.emulator.webhooks.deliveries.some(
      (delivery) =>
        (delivery.payload as { entry: { changes: unknown[] }[] }).entry.flatMap((entry) => entry.changes)
          .length > 1,
    );
    expect(batched).toBe(true);
  });
});

describe("webhook ingest on PGlite (no autovacuum)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite");
  });
  afterAll(() => h?.close());

  it("gathers the messages table's planner statistics as webhooks are ingested", async () => {
    const { db } = h.charla.services.database;
    const statistics = async () => {
      const result = (await db.execute(
        sql`select count(*)::int as n from pg_stats where tablename like 'messages%' and attname = 'wamid'`,
      )) as unknown as { rows: { n: number }[] };
      return result.rows[0]!.n;
    };
    expect(await statistics()).toBe(0);
    const run = randomInt(10_000_000, 99_999_999);
    await db.insert(whatsappWebhookEvents).values(
      Array.from({ length: 200 }, (_, i) => ({
        body: inboundTextWebhook({
          phoneNumberId: h.number.phoneNumberId,
          from: `5491${run}${String(i).padStart(3, "0")}`,
          wamid: `wamid.stats-${run}-${i}`,
          text: "hola",
        }),
      })),
    );
    await h.charla.services.boss.send(INGEST_QUEUE.name, {});
    // Without them the planner hashed the whole table for every batch's status update.
    await eventually(async () => ((await statistics()) > 0 ? true : undefined), {
      what: "messages analyzed after 200 webhooks",
    });
  });
});
