import { randomInt } from "node:crypto";
import { like, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { inboundTextWebhook } from "../../../test/support/webhooks.ts";
import { signPayload } from "../../whatsapp/webhook.ts";
import { parsedEvents } from "./parsed-webhooks.ts";
import { messages, whatsappWebhookEvents } from "./schema.ts";
import { isDataRefusal, webhookStore } from "./webhook-store.ts";

describeEachDatabase("Meta webhook receiver", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  const post = (text: string) =>
    fetch(`${h.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signPayload(text, h.charla.services.graph.appSecret),
      },
      body: text,
    });
  const inbound = (from: string, wamid: string, text: string, timestamp?: number) =>
    inboundTextWebhook({ phoneNumberId: h.number.phoneNumberId, from, wamid, text, timestamp });

  it("answers 200 to a signed body PostgreSQL cannot store, keeps its bytes, and stores the good ones beside it", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const poison = JSON.stringify(inbound(from, `wamid.poison-${from}`, "a\u0000b"));
    const lone = JSON.stringify(inbound(from, `wamid.lone-${from}`, "a\ud800b"));
    const goods = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify(inbound(from, `wamid.good${i}-${from}`, `m${i}`)),
    );
    const responses = await Promise.all([poison, ...goods, lone].map(post));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));

    await eventually(
      async () => {
        const rows = await h.charla.services.database.db
          .select({ wamid: messages.wamid })
          .from(messages)
          .where(like(messages.wamid, `%-${from}`));
        return rows.length === 8 && rows.every((row) => row.wamid?.startsWith("wamid.good"));
      },
      { what: "the eight good webhooks ingested" },
    );
    const kept = await h.charla.services.database.db
      .select()
      .from(whatsappWebhookEvents)
      .where(sql`${whatsappWebhookEvents.body} ? 'charla_unstorable'`);
    const raws = kept.map((row) =>
      Buffer.from(
        (row.body as { charla_unstorable: { raw_base64: string } }).charla_unstorable.raw_base64,
        "base64",
      ).toString("utf8"),
    );
    expect(raws).toEqual(expect.arrayContaining([poison, lone]));
    for (const row of kept) {
      expect(row.processedAt).not.toBeNull();
      expect(row.error).toMatch(
        /unstorable webhook: body\.entry\.0\.changes\.0\.value\.messages\.0\.text\.body/,
      );
    }
  });

  it("stores the good bodies of a batch the database refuses one of, row by row", async () => {
    const store = webhookStore(h.charla.services, h.charla.app!.log);
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const results = await Promise.all([
      store({ body: inbound(from, `wamid.b1-${from}`, "one") }),
      // Bypasses the receiver's check, as a value the check does not know would.
      store({ body: inbound(from, `wamid.b2-${from}`, "\u0000") }),
      store({ body: inbound(from, `wamid.b3-${from}`, "three") }),
    ]);
    expect(results[0]).toBeNull();
    expect(results[2]).toBeNull();
    expect(results[1]).toBeInstanceOf(Error);
    expect(isDataRefusal(results[1])).toBe(true);
    const stored = await h.charla.services.database.db
      .select({ id: whatsappWebhookEvents.id })
      .from(whatsappWebhookEvents)
      .where(sql`${whatsappWebhookEvents.body}::text like ${`%wamid.b_-${from}%`}`);
    expect(stored).toHaveLength(2);
  });

  it("refuses at the door a signed webhook whose timestamp is not a real date", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const body = inbound(from, `wamid.future-${from}`, "x");
    (body.entry[0]!.changes[0]!.value.messages[0] as { timestamp: string }).timestamp = "99999999999999";
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("invalid_webhook_payload");
    const rows = await h.charla.services.database.db
      .select({ id: whatsappWebhookEvents.id })
      .from(whatsappWebhookEvents)
      .where(sql`${whatsappWebhookEvents.body}::text like ${`%wamid.future-${from}%`}`);
    expect(rows).toEqual([]);
  });

  it("hands ingest the events it parsed (no second read of the body) and forgets them once ingested", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const known = parsedEvents(h.charla.services.database); // ingest has run: the receiver remembers
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        post(JSON.stringify(inbound(from, `wamid.parsed${i}-${from}`, `p${i}`))),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(5).fill(200));
    await eventually(
      async () => {
        const rows = await h.charla.services.database.db
          .select({ wamid: messages.wamid, content: messages.content })
          .from(messages)
          .where(like(messages.wamid, `wamid.parsed%-${from}`));
        return rows.length === 5 && rows.every((row) => JSON.stringify(row.content).includes('"p'));
      },
      { what: "the five webhooks ingested" },
    );
    const stored = await h.charla.services.database.db
      .select({ id: whatsappWebhookEvents.id, processedAt: whatsappWebhookEvents.processedAt })
      .from(whatsappWebhookEvents)
      .where(sql`${whatsappWebhookEvents.body}::text like ${`%wamid.parsed%-${from}%`}`);
    expect(stored).toHaveLength(5);
    expect(stored.every((row) => row.processedAt !== null && !known.has(row.id))).toBe(true);
  });
});
