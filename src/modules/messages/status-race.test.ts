import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { ingestBatch } from "./ingest.ts";
import { messages, whatsappWebhookEvents } from "./schema.ts";

function statusWebhook(input: { phoneNumberId: string; wamid: string; messageId: string; status: string }) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000000", phone_number_id: input.phoneNumberId },
              statuses: [
                {
                  id: input.wamid,
                  status: input.status,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  recipient_id: "5491100000000",
                  biz_opaque_callback_data: input.messageId,
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

// Two connections at once on one row: PostgreSQL only (PGlite has a single connection).
describe.skipIf(!inject("postgresUrl"))(
  "status webhook vs. the dispatcher recording the wamid [postgres]",
  () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness("postgres", {}, {}, { workers: false });
    });
    afterAll(() => h?.close());

    it("applies a status that arrives while the dispatcher holds the row to record its wamid", async () => {
      const { db } = h.charla.services.database;
      const contact = await h.api("POST", "/v1/contacts", {
        phone: `+54911${randomInt(10_000_000, 99_999_999)}`,
      });
      const [message] = await db
        .insert(messages)
        .values({
          tenantId: h.tenant.id,
          phoneNumberId: h.number.id,
          contactId: contact.body.id,
          direction: "outbound",
          type: "text",
          content: { type: "text", text: { body: "hola" } },
          status: "dispatching",
          dispatchStartedAt: new Date(),
        })
        .returning();
      const wamid = `wamid.race-${message!.id}`;

      // The dispatcher, mid-way through recording Meta's answer: the row is locked, the wamid not yet committed.
      const dispatcher = new pg.Client({ connectionString: h.testDatabase.url! });
      await dispatcher.connect();
      try {
        await dispatcher.query("begin");
        await dispatcher.query(
          "update messages set wamid = $1, status = 'accepted', accepted_at = now() where id = $2 and wamid is null",
          [wamid, message!.id],
        );

        const [stored] = await db
          .insert(whatsappWebhookEvents)
          .values({
            body: statusWebhook({
              phoneNumberId: h.number.phoneNumberId,
              wamid,
              messageId: message!.id,
              status: "delivered",
            }),
          })
          .returning({ id: whatsappWebhookEvents.id });
        const ingest = ingestBatch(h.charla.services, [stored!.id]);

        // Ingest has looked the message up and now waits for the dispatcher's row lock.
        await eventually(
          async () => {
            const { rows } = await dispatcher.query(
              "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
            );
            return rows[0].waiting > 0;
          },
          { what: "ingest waiting on the message's row lock" },
        );
        await dispatcher.query("commit");
        expect(await ingest).toBe(1);
      } finally {
        await dispatcher.end();
      }

      const [after] = await db.select().from(messages).where(eq(messages.id, message!.id));
      expect(after).toMatchObject({ wamid, status: "delivered" });
      expect(after!.deliveredAt).not.toBeNull();
    });
  },
);
