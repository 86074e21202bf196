import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { openStream } from "../../../test/support/sse.ts";
import { campaigns } from "../campaigns/schema.ts";
import { ingestBatch } from "../messages/ingest.ts";
import { messages, whatsappWebhookEvents } from "../messages/schema.ts";
import { analyticsFailureHourly, analyticsMessageHourly } from "./schema.ts";

const DAY = 86_400_000;

function statusWebhook(input: {
  phoneNumberId: string;
  wamid: string;
  status: string;
  at: number;
  errorCode?: number;
}) {
  const status = {
    id: input.wamid,
    status: input.status,
    timestamp: String(input.at),
    recipient_id: "5491100000000",
    ...(input.errorCode ? { errors: [{ code: input.errorCode, title: "Message undeliverable" }] } : {}),
  };
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
              statuses: [status],
            },
          },
        ],
      },
    ],
  };
}

describeEachDatabase("analytics", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
  }, 240_000);
  afterAll(() => h?.close());

  /** Stores webhooks (one arrival each) and ingests them, in the order given. */
  async function arrive(...bodies: unknown[]) {
    const { db } = h.charla.services.database;
    for (const body of bodies) {
      const [row] = await db.insert(whatsappWebhookEvents).values({ body }).returning();
      await ingestBatch(h.charla.services, [row!.id]);
    }
  }

  it("counts each step once under repeated and reordered statuses, and announces the change live", async () => {
    const { db } = h.charla.services.database;
    const live = await openStream(`${h.url}/v1/events/stream`, { authorization: `Bearer ${h.apiKey}` });
    const contact = await h.api("POST", "/v1/contacts", {
      phone: `+54911${randomInt(10_000_000, 99_999_999)}`,
    });
    const at = Math.floor(Date.now() / 1000);
    const sent = await db
      .insert(messages)
      .values(
        ["a", "b", "c"].map((name) => ({
          tenantId: h.tenant.id,
          phoneNumberId: h.number.id,
          contactId: contact.body.id,
          direction: "outbound" as const,
          type: "text",
          category: "MARKETING",
          content: { type: "text", text: { body: name } },
          status: "accepted" as const,
          wamid: `wamid.analytics-${name}-${randomUUID()}`,
        })),
      )
      .returning();
    const [a, b, c] = sent as [(typeof sent)[0], (typeof sent)[0], (typeof sent)[0]];
    const status = (message: typeof a, name: string, offset = 0, errorCode?: number) =>
      statusWebhook({
        phoneNumberId: h.number.phoneNumberId,
        wamid: message.wamid!,
        status: name,
        at: at + offset,
        ...(errorCode ? { errorCode } : {}),
      });
    // a: read arrives first, then delivered and sent late, then read again.
    await arrive(status(a, "read", 3), status(a, "delivered", 2), status(a, "sent", 1), status(a, "read", 3));
    // b: sent twice, delivered, then a failure after delivery (ignored, as Meta charged it).
    await arrive(
      status(b, "sent", 1),
      status(b, "sent", 1),
      status(b, "delivered", 2),
      status(b, "failed", 4, 131000),
    );
    // c: fails with 131026 (twice).
    await arrive(status(c, "failed", 1, 131026), status(c, "failed", 1, 131026));

    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const period = `from=${new Date(hour - 3_600_000).toISOString()}&to=${new Date(hour + 3_600_000).toISOString()}`;
    const report = await h.api("GET", `/v1/analytics/messages?${period}&bucket=hour`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({
      sent: 2,
      delivered: 2,
      read: 1,
      failed: 1,
      delivery_rate: 1,
      read_rate: 0.5,
    });
    expect(report.body.buckets).toHaveLength(2);
    const codes = await h.api("GET", `/v1/analytics/breakdown?${period}&dimension=error_code`);
    expect(codes.body.rows).toEqual([expect.objectContaining({ key: "131026", failed: 1 })]);
    const numbers = await h.api("GET", `/v1/analytics/breakdown?${period}&dimension=number`);
    expect(numbers.body.rows).toEqual([expect.objectContaining({ key: h.number.id, sent: 2, read: 1 })]);
    const categories = await h.api("GET", `/v1/analytics/breakdown.csv?${period}&dimension=category`);
    expect(categories.headers.get("content-type")).toMatch(/text\/csv/);

    const dashboard = await h.api("GET", "/v1/analytics/live");
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.per_minute).toHaveLength(60);
    expect(dashboard.body.per_minute.reduce((sum: number, m: { read: number }) => sum + m.read, 0)).toBe(1);
    expect(dashboard.body.failures_by_reason).toEqual([{ error_code: 131026, failed: 1 }]);
    expect(dashboard.body.inbox).toMatchObject({ open: expect.any(Number) });
    await live.waitFor((event) => event.event === "analytics.updated", 5_000);
    live.close();
  });

  it("buckets by timezone (whole and half-hour offsets), compares with the previous period, exports CSV and Prometheus", async () => {
    const { db } = h.charla.services.database;
    const other = await makeTenant(h);
    const tenantId = other.tenant.id;
    const row = (hour: string, sent: number) => ({
      tenantId,
      hour: new Date(hour),
      sent,
      delivered: sent,
      read: 1,
    });
    await db
      .insert(analyticsMessageHourly)
      .values([
        row("2026-03-09T12:00:00Z", 5),
        row("2026-03-10T02:00:00Z", 1),
        row("2026-03-10T03:00:00Z", 2),
        row("2026-03-10T18:00:00Z", 4),
        row("2026-03-10T19:00:00Z", 8),
      ]);
    const get = (query: string) => h.api("GET", `/v1/analytics/messages?${query}`, undefined, other.apiKey);
    const utc = await get("from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z&bucket=day&compare=previous");
    expect(utc.body.buckets).toEqual([
      expect.objectContaining({ start: "2026-03-10T00:00:00.000Z", sent: 15 }),
    ]);
    expect(utc.body.previous.totals).toMatchObject({ sent: 5, read: 1 });
    const saoPaulo = await get(
      "from=2026-03-09T03:00:00Z&to=2026-03-11T03:00:00Z&bucket=day&tz=America/Sao_Paulo",
    );
    expect(saoPaulo.body.buckets.map((b: { start: string; sent: number }) => [b.start, b.sent])).toEqual([
      ["2026-03-09T03:00:00.000Z", 6],
      ["2026-03-10T03:00:00.000Z", 14],
    ]);
    // +05:30: 18:00Z is 23:30 on the 10th, 19:00Z is 00:30 on the 11th.
    const kolkata = await get("from=2026-03-09T18:00:00Z&to=2026-03-11T18:00:00Z&bucket=day&tz=Asia/Kolkata");
    expect(kolkata.body.buckets.map((b: { start: string; sent: number }) => [b.start, b.sent])).toEqual([
      ["2026-03-08T18:30:00.000Z", 0],
      ["2026-03-09T18:30:00.000Z", 7],
      ["2026-03-10T18:30:00.000Z", 8],
    ]);
    const hours = await get("from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z&bucket=hour");
    expect(hours.body.buckets).toHaveLength(24);
    const month = await get("from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&bucket=month");
    expect(month.body.buckets).toEqual([
      expect.objectContaining({ start: "2026-03-01T00:00:00.000Z", sent: 20 }),
    ]);

    const csv = await h.api(
      "GET",
      "/v1/analytics/messages.csv?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z&bucket=day",
      undefined,
      other.apiKey,
    );
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(String(csv.body)).toBe(
      "start,sent,delivered,read,failed,replies,cost_minor,markup_minor\r\n2026-03-10T00:00:00.000Z,15,15,4,0,0,0,0\r\n",
    );
    const metrics = await h.api("GET", "/v1/analytics/metrics", undefined, other.apiKey);
    expect(String(metrics.body)).toContain("# TYPE charla_business_messages_sent_total counter");
    expect(String(metrics.body)).toMatch(/charla_business_messages_sent_total\{[^}]*\} 20/);

    const badTz = await get("tz=Mars/Base");
    expect(badTz.status).toBe(400);
    expect(badTz.body.code).toBe("analytics_bad_timezone");
  });

  it("recommends the best hour, flags a declining template and a campaign's failures, with their figures", async () => {
    const { db } = h.charla.services.database;
    const { tenant, apiKey } = await makeTenant(h);
    const templateId = randomUUID();
    const [campaign] = await db
      .insert(campaigns)
      .values({
        tenantId: tenant.id,
        name: "Promo",
        content: {},
        audience: {},
        phoneNumberIds: [],
        schedule: {},
      })
      .returning();
    const now = Date.now();
    const hourOf = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000);
    const recent = hourOf(now - 2 * DAY);
    const before = hourOf(now - 10 * DAY - 5 * 3_600_000);
    await db.insert(analyticsMessageHourly).values([
      { tenantId: tenant.id, hour: recent, templateId, sent: 50, delivered: 50, read: 10 },
      { tenantId: tenant.id, hour: before, templateId, sent: 50, delivered: 50, read: 40 },
      { tenantId: tenant.id, hour: recent, campaignId: campaign!.id, sent: 70, failed: 30 },
    ]);
    await db
      .insert(analyticsFailureHourly)
      .values({ tenantId: tenant.id, hour: recent, campaignId: campaign!.id, errorCode: 131026, failed: 30 });
    const { body } = await h.api("GET", "/v1/analytics/recommendations", undefined, apiKey);
    const byKind = (kind: string) => body.items.filter((item: { kind: string }) => item.kind === kind);
    expect(byKind("best_hour")).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ template_id: templateId, hour: before.getUTCHours() }),
        figures: expect.objectContaining({ read_rate: 0.8, overall_read_rate: 0.5 }),
      }),
    ]);
    expect(byKind("template_declining")).toEqual([
      expect.objectContaining({
        figures: expect.objectContaining({ read_rate: 0.2, previous_read_rate: 0.8 }),
      }),
    ]);
    expect(byKind("campaign_failure_fix")).toEqual([
      expect.objectContaining({
        title_key: "analytics.recommendations.fix.clean_list",
        params: expect.objectContaining({ campaign: "Promo", error_code: 131026 }),
        figures: expect.objectContaining({ failed: 30, attempted: 100 }),
      }),
    ]);
  });

  it("refuses another tenant's number, template and campaign ids", async () => {
    const { apiKey } = await makeTenant(h);
    for (const filter of [
      `number_id=${h.number.id}`,
      `template_id=${randomUUID()}`,
      `campaign_id=${randomUUID()}`,
    ]) {
      const answer = await h.api("GET", `/v1/analytics/messages?${filter}`, undefined, apiKey);
      expect(answer.status).toBe(404);
    }
    const mine = await h.api("GET", `/v1/analytics/breakdown?dimension=number&number_id=${h.number.id}`);
    expect(mine.status).toBe(200);
    const theirs = await h.api("GET", `/v1/analytics/breakdown?dimension=number`, undefined, apiKey);
    expect(theirs.body.rows).toEqual([]);
  });
});
