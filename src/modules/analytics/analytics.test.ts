import { randomInt, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { openStream } from "../../../test/support/sse.ts";
import { campaigns } from "../campaigns/schema.ts";
import { ingestBatch } from "../messages/ingest.ts";
import { messages, whatsappWebhookEvents } from "../messages/schema.ts";
import { phoneNumbers, whatsappAccounts } from "../numbers/schema.ts";
import { type Counter, Deltas } from "./deltas.ts";
import type { MessageDimensions } from "./dimensions.ts";
import { writeDeltas } from "./write.ts";

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

  type RollupRow = { tenantId: string; hour: Date } & Partial<Omit<MessageDimensions, "tenantId" | "hour">> &
    Partial<Record<Counter, number>>;
  type FailureRow = { tenantId: string; hour: Date; campaignId?: string; errorCode: number; failed: number };

  /** Writes rollup rows through the subscriber's own upserts (hourly and daily tables). */
  async function addRollups(rows: RollupRow[], failures: FailureRow[] = []) {
    const deltas = new Deltas();
    for (const { tenantId, hour, phoneNumberId, templateId, campaignId, category, market, ...counts } of rows)
      deltas.add(
        {
          tenantId,
          hour: hour.toISOString(),
          phoneNumberId: phoneNumberId ?? null,
          templateId: templateId ?? null,
          campaignId: campaignId ?? null,
          category: category ?? null,
          market: market ?? null,
        },
        counts,
      );
    for (const { hour, campaignId, ...failure } of failures)
      deltas.failures.set(String(deltas.failures.size), {
        ...failure,
        hour: hour.toISOString(),
        phoneNumberId: null,
        templateId: null,
        campaignId: campaignId ?? null,
      });
    await writeDeltas(h.charla.services.database.db, deltas);
  }

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
        ["a", "b", "c", "d"].map((name) => ({
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
    const [a, b, c, d] = sent as [(typeof sent)[0], (typeof sent)[0], (typeof sent)[0], (typeof sent)[0]];
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
    // d: delivered, then read, each in its own batch, while sent comes last: sent is implied once.
    await arrive(status(d, "delivered", 2), status(d, "read", 3), status(d, "sent", 1));

    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const period = `from=${new Date(hour - 3_600_000).toISOString()}&to=${new Date(hour + 3_600_000).toISOString()}`;
    const report = await h.api("GET", `/v1/analytics/messages?${period}&bucket=hour`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({
      sent: 3,
      delivered: 3,
      read: 2,
      failed: 1,
      delivery_rate: 1,
    });
    expect(report.body.totals.read_rate).toBeCloseTo(2 / 3);
    expect(report.body.buckets).toHaveLength(2);
    const codes = await h.api("GET", `/v1/analytics/breakdown?${period}&dimension=error_code`);
    expect(codes.body.rows).toEqual([expect.objectContaining({ key: "131026", failed: 1 })]);
    const numbers = await h.api("GET", `/v1/analytics/breakdown?${period}&dimension=number`);
    expect(numbers.body.rows).toEqual([expect.objectContaining({ key: h.number.id, sent: 3, read: 2 })]);
    const categories = await h.api("GET", `/v1/analytics/breakdown.csv?${period}&dimension=category`);
    expect(categories.headers.get("content-type")).toMatch(/text\/csv/);

    // The daily rollups, kept by the same upserts, hold exactly the hourly rows' sums.
    const sums = async (table: string, columns: string) =>
      (
        (await db.execute(
          sql`select ${sql.raw(columns)} from ${sql.raw(table)} where tenant_id = ${h.tenant.id}`,
        )) as unknown as { rows: Record<string, number>[] }
      ).rows[0];
    const counters =
      "sum(sent)::int as sent, sum(delivered)::int as delivered, sum(read)::int as read, sum(failed)::int as failed";
    expect(await sums("analytics_message_hourly", counters)).toEqual({
      sent: 3,
      delivered: 3,
      read: 2,
      failed: 1,
    });
    expect(await sums("analytics_message_daily", counters)).toEqual({
      sent: 3,
      delivered: 3,
      read: 2,
      failed: 1,
    });
    expect(await sums("analytics_failure_daily", "sum(failed)::int as failed")).toEqual({ failed: 1 });

    const dashboard = await h.api("GET", "/v1/analytics/live");
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.per_minute).toHaveLength(60);
    expect(dashboard.body.per_minute.reduce((sum: number, m: { read: number }) => sum + m.read, 0)).toBe(2);
    expect(dashboard.body.failures_by_reason).toEqual([{ error_code: 131026, failed: 1 }]);
    expect(dashboard.body.inbox).toMatchObject({ open: expect.any(Number) });
    await live.waitFor((event) => event.event === "analytics.updated", 5_000);
    live.close();
  });

  it("buckets by timezone (whole and half-hour offsets), compares with the previous period, exports CSV and Prometheus", async () => {
    const other = await makeTenant(h);
    const tenantId = other.tenant.id;
    const row = (hour: string, sent: number) => ({
      tenantId,
      hour: new Date(hour),
      sent,
      delivered: sent,
      read: 1,
    });
    await addRollups([
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
      "start,sent,delivered,read,failed,replies,cost_micros,markup_micros\r\n2026-03-10T00:00:00.000Z,15,15,4,0,0,0,0\r\n",
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
    await addRollups(
      [
        { tenantId: tenant.id, hour: recent, templateId, sent: 50, delivered: 50, read: 10 },
        { tenantId: tenant.id, hour: before, templateId, sent: 50, delivered: 50, read: 40 },
        { tenantId: tenant.id, hour: recent, campaignId: campaign!.id, sent: 70, failed: 30 },
      ],
      [{ tenantId: tenant.id, hour: recent, campaignId: campaign!.id, errorCode: 131026, failed: 30 }],
    );
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

  it("answers from the daily rollups exactly as from the hourly ones, in any timezone, bucket and period", async () => {
    const { db } = h.charla.services.database;
    const { tenant, apiKey } = await makeTenant(h);
    const templates = [randomUUID(), randomUUID()];
    const first = Date.parse("2026-02-20T00:00:00Z");
    // ~1 hour in 6 over 80 days that cross the DST changes of New York (Mar 8, Nov 1), Europe (Mar 29) and Auckland (Apr 5).
    const rows: RollupRow[] = [];
    for (let hour = 0; hour < 80 * 24; hour++)
      if (randomInt(6) === 0)
        rows.push({
          tenantId: tenant.id,
          hour: new Date(first + hour * 3_600_000),
          templateId: templates[randomInt(2)]!,
          sent: randomInt(1, 100),
          read: randomInt(0, 10),
        });
    await addRollups(rows);
    const reference = async (bucket: string, tz: string, from: string, to: string) =>
      (
        (await db.execute(sql`
          select date_trunc(${bucket}, hour at time zone ${tz}) at time zone ${tz} as start,
            sum(sent)::float8 as sent, sum(read)::float8 as read
          from analytics_message_hourly
          where tenant_id = ${tenant.id} and hour >= ${from}::timestamptz and hour < ${to}::timestamptz
          group by 1`)) as unknown as { rows: { start: string | Date; sent: number; read: number }[] }
      ).rows.map((row) => [new Date(row.start).toISOString(), Number(row.sent), Number(row.read)]);
    const zones = [
      "UTC",
      "America/Sao_Paulo",
      "America/New_York",
      "Europe/Madrid",
      "Pacific/Auckland",
      "Asia/Kolkata",
      "Asia/Kathmandu",
      "America/St_Johns",
    ];
    const periods = [
      ["2026-02-21T00:00:00Z", "2026-05-09T00:00:00Z"],
      ["2026-02-22T07:00:00Z", "2026-04-30T17:00:00Z"],
      ["2026-03-07T13:00:00Z", "2026-03-09T02:00:00Z"],
      ["2026-04-04T10:00:00Z", "2026-04-04T15:00:00Z"],
    ] as const;
    for (const tz of zones)
      for (const [from, to] of periods)
        for (const bucket of ["day", "week", "month"]) {
          const query = `from=${from}&to=${to}&bucket=${bucket}&tz=${tz}&compare=previous`;
          const { body } = await h.api("GET", `/v1/analytics/messages?${query}`, undefined, apiKey);
          const got = (body.buckets as { start: string; sent: number; read: number }[])
            .filter((row) => row.sent > 0 || row.read > 0)
            .map((row) => [row.start, row.sent, row.read]);
          const expected = (await reference(bucket, tz, from, to)).sort();
          expect(got, `${tz} ${bucket} ${from}..${to}`).toEqual(expected);
          const total = (key: 1 | 2) => expected.reduce((sum, row) => sum + Number(row[key]), 0);
          expect(body.totals).toMatchObject({ sent: total(1), read: total(2) });
        }
    const [from, to] = periods[1];
    const { body } = await h.api(
      "GET",
      `/v1/analytics/breakdown?from=${from}&to=${to}&dimension=template`,
      undefined,
      apiKey,
    );
    const perTemplate = (
      (await db.execute(sql`
        select template_id::text as key, sum(sent)::float8 as sent from analytics_message_hourly
        where tenant_id = ${tenant.id} and hour >= ${from}::timestamptz and hour < ${to}::timestamptz
        group by 1 order by 2 desc`)) as unknown as { rows: { key: string; sent: number }[] }
    ).rows;
    expect(body.rows.map((row: { key: string; sent: number }) => [row.key, row.sent])).toEqual(
      perTemplate.map((row) => [row.key, Number(row.sent)]),
    );
  }, 180_000); // 96 reports and their references: slow on a shared machine

  it("recommends acting on a portfolio near its messaging limit and a number near its throughput", async () => {
    const { db } = h.charla.services.database;
    const { tenant, apiKey } = await makeTenant(h);
    const [account] = await db
      .insert(whatsappAccounts)
      .values({
        tenantId: tenant.id,
        wabaId: `waba-${randomUUID()}`,
        name: "WABA",
        accessTokenSealed: "sealed",
      })
      .returning();
    const number = (display: string, tier: string, throughputPerSecond: number) => ({
      tenantId: tenant.id,
      accountId: account!.id,
      phoneNumberId: `pn-${randomUUID()}`,
      displayPhoneNumber: display,
      verifiedName: "Shop",
      messagingLimitTier: tier,
      throughputPerSecond,
    });
    const [busy, calm] = await db
      .insert(phoneNumbers)
      .values([number("+1 555 0100", "TIER_250", 1), number("+1 555 0101", "TIER_250", 80)])
      .returning();
    const now = Date.now();
    const hour = (ago: number) => new Date(Math.floor((now - ago * 3_600_000) / 3_600_000) * 3_600_000);
    // 230 of the portfolio's 250 in the last 24 hours (the 1,000 of 30 hours ago no longer count).
    await addRollups([
      { tenantId: tenant.id, hour: hour(0), phoneNumberId: busy!.id, sent: 200 },
      { tenantId: tenant.id, hour: hour(2), phoneNumberId: calm!.id, sent: 30 },
      { tenantId: tenant.id, hour: hour(30), phoneNumberId: calm!.id, sent: 1000 },
    ]);
    // The busy number sent 55 in this minute: 55 of the 60 a minute its 1 message a second allows.
    const live = new Deltas();
    const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
    for (let sent = 0; sent < 55; sent++) live.addLive(tenant.id, minute, busy!.id, "sent");
    live.addLive(tenant.id, minute, calm!.id, "sent");
    await writeDeltas(db, live);

    const { body } = await h.api("GET", "/v1/analytics/recommendations", undefined, apiKey);
    const nearLimit = body.items.filter((item: { kind: string }) => item.kind === "number_near_limit");
    expect(nearLimit).toEqual([
      {
        kind: "number_near_limit",
        title_key: "analytics.recommendations.number_near_limit",
        params: { tier: "TIER_250" },
        figures: { sent_24h: 230, limit: 250, use: 0.92 },
      },
      {
        kind: "number_near_limit",
        title_key: "analytics.recommendations.number_near_throughput",
        params: { phone_number_id: busy!.id, number: "+1 555 0100" },
        figures: { peak_minute_sent: 55, per_minute_capacity: 60, use: 55 / 60 },
      },
    ]);

    // A higher tier on the other number lifts the portfolio's limit: 230 of 1,000 is not near it.
    await db.update(phoneNumbers).set({ messagingLimitTier: "TIER_1K" }).where(eq(phoneNumbers.id, calm!.id));
    const later = await h.api("GET", "/v1/analytics/recommendations", undefined, apiKey);
    expect(later.body.items.filter((item: { kind: string }) => item.kind === "number_near_limit")).toEqual([
      expect.objectContaining({ title_key: "analytics.recommendations.number_near_throughput" }),
    ]);
    const dashboard = await h.api("GET", "/v1/analytics/live", undefined, apiKey);
    expect(dashboard.body.messaging_limit).toEqual({
      limit: 1000,
      tier: "TIER_1K",
      sent_24h: 230,
      use: 0.23,
    });
  });
});
