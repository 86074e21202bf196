import { randomInt } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { inboundTextWebhook } from "../../../test/support/webhooks.ts";
import { ingestBatch } from "./ingest.ts";
import { ensureMessagePartitions } from "./partitions.ts";
import { messages, whatsappWebhookEvents } from "./schema.ts";

describeEachDatabase("messages partitioned by month", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  const partitionOf = async (id: string) => {
    const result = await h.charla.services.database.db.execute(
      sql`select tableoid::regclass::text as partition from messages where id = ${id}`,
    );
    return (result as unknown as { rows: { partition: string }[] }).rows[0]?.partition;
  };

  it("stores this month's messages in this month's partition, and an old one in the default", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const { db } = h.charla.services.database;
    const old = Math.floor(Date.UTC(2019, 5, 15) / 1000);
    const stored = await db
      .insert(whatsappWebhookEvents)
      .values([
        {
          body: inboundTextWebhook({
            phoneNumberId: h.number.phoneNumberId,
            from,
            wamid: `wamid.now-${from}`,
          }),
        },
        {
          body: inboundTextWebhook({
            phoneNumberId: h.number.phoneNumberId,
            from,
            wamid: `wamid.old-${from}`,
            timestamp: old,
          }),
        },
      ])
      .returning({ id: whatsappWebhookEvents.id });
    await ingestBatch(
      h.charla.services,
      stored.map((row) => row.id),
    );
    const [recent] = await db
      .select()
      .from(messages)
      .where(eq(messages.wamid, `wamid.now-${from}`));
    const [ancient] = await db
      .select()
      .from(messages)
      .where(eq(messages.wamid, `wamid.old-${from}`));
    const now = new Date();
    const month = `${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    expect(await partitionOf(recent!.id)).toBe(`messages_${month}`);
    expect(await partitionOf(ancient!.id)).toBe("messages_default");
    // Still one table to the API.
    expect((await h.api("GET", `/v1/messages/${ancient!.id}`)).body.createdAt).toBe(
      "2019-06-15T00:00:00.000Z",
    );
  });

  it("creates months ahead idempotently, and leaves a month the default partition already holds", async () => {
    const { db } = h.charla.services.database;
    const names = await ensureMessagePartitions(db, new Date(Date.UTC(2031, 0, 10)));
    expect(names).toEqual(["messages_2031_01", "messages_2031_02", "messages_2031_03", "messages_2031_04"]);
    expect(await ensureMessagePartitions(db, new Date(Date.UTC(2031, 0, 10)))).toEqual(names);

    const warnings: string[] = [];
    // June 2019 has a row in the default partition (previous test): its partition cannot be made.
    const made = await ensureMessagePartitions(db, new Date(Date.UTC(2019, 5, 1)), (w) => warnings.push(w));
    expect(made).not.toContain("messages_2019_06");
    expect(made).toContain("messages_2019_07");
    expect(warnings.join()).toMatch(/2019-06/);
  });

  it("stores a webhook two ingest workers hold at once as one message", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const { db } = h.charla.services.database;
    const body = inboundTextWebhook({
      phoneNumberId: h.number.phoneNumberId,
      from,
      wamid: `wamid.twice-${from}`,
    });
    const rows = await db
      .insert(whatsappWebhookEvents)
      .values([{ body }, { body }])
      .returning({ id: whatsappWebhookEvents.id });
    await Promise.all(rows.map((row) => ingestBatch(h.charla.services, [row.id])));
    const stored = await eventually(async () => {
      const found = await db
        .select()
        .from(messages)
        .where(eq(messages.wamid, `wamid.twice-${from}`));
      return found.length ? found : undefined;
    });
    expect(stored).toHaveLength(1);
  });
});
