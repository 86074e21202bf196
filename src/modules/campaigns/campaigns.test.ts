import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import {
  billingAccounts,
  campaignRecipients,
  campaigns,
  contacts,
  phoneNumbers,
  realtimeEvents,
} from "../../db/schema.ts";
import { configureWallet, topUp } from "../billing/index.ts";
import { foldAllCounters, foldCounters } from "./counters.ts";
import {
  atMeta,
  campaign,
  campaignWhen,
  everyoneSegment,
  freshPhone,
  makeContacts,
  saleCampaign,
  sandboxTemplates,
} from "./support.test-helpers.ts";

describeEachDatabase("campaigns", (kind) => {
  vi.setConfig({ testTimeout: 90_000 });
  let h: Harness;
  let sale: { id: string };
  beforeAll(async () => {
    // Meta's refusals are retried by dispatch's job back-off: held to 1 s here, the same steps in seconds.
    h = await startHarness(kind, { DISPATCH_RECONCILE_SECONDS: "2", JOBS_RETRY_DELAY_MAX_SECONDS: "1" });
    ({ sale } = await sandboxTemplates(h));
    await everyoneSegment(h);
  }, 240_000);
  afterAll(() => h?.close());

  const recipients = async (campaignId: string) =>
    h.charla.services.database.db
      .select()
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, campaignId));

  it("excludes each contact by reason, estimates the cost, sends, and counts delivered, read and replies", async () => {
    const { db } = h.charla.services.database;
    await configureWallet(db, h.tenant.id, { currency: "USD" });
    await db.transaction((tx) =>
      topUp(
        { boss: h.charla.services.boss, tx },
        { tenantId: h.tenant.id, amountMicros: 50_000_000, key: "t1", reference: "test", author: "test" },
      ),
    );
    const sendable = await makeContacts(h, 4);
    const optedOut = await makeContacts(h, 2, "out");
    const noOptIn = await makeContacts(h, 1, "none");
    const us = await makeContacts(
      h,
      1,
      "in",
      () => `+1202555${String(Math.floor(Math.random() * 9000) + 1000)}`,
    );
    // An unusable number (a bad import): stored as is, never sent.
    const [invalid] = await db
      .insert(contacts)
      .values({ tenantId: h.tenant.id, phone: "+5491112", optedInAt: new Date() })
      .returning();

    const created = await h.api("POST", "/v1/campaigns", saleCampaign(h, sale.id));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", frequencyCap: { max: 2, periodHours: 168 } });
    const id = created.body.id;

    const preview = await h.api("POST", `/v1/campaigns/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.excluded).toMatchObject({
      opted_out: optedOut.length,
      no_opt_in: noOptIn.length,
      us_number: us.length,
      invalid_number: 1,
    });
    expect(preview.body.sendable).toBe(sendable.length);
    expect(preview.body.cost).toMatchObject({ enforced: true, currency: "USD", category: "marketing" });
    const ar = preview.body.cost.markets.find((m: { market: string }) => m.market === "AR");
    expect(ar.count).toBe(sendable.length);
    expect(ar.unitMicros).toBeGreaterThan(0);
    expect(preview.body.cost.totalMicros).toBe(ar.unitMicros * sendable.length);
    expect(preview.body.budget.remaining).toBeGreaterThan(0);

    const launched = await h.api("POST", `/v1/campaigns/${id}/launch`);
    expect(launched.status).toBe(200);
    const done = await campaignWhen(
      h,
      id,
      "all read",
      (c) => c.read === sendable.length && c.status === "completed",
    );
    expect(done).toMatchObject({
      queued: sendable.length,
      sent: sendable.length,
      delivered: sendable.length,
      skipped: optedOut.length + noOptIn.length + us.length + 1,
      failed: 0,
      skippedByReason: { opted_out: 2, no_opt_in: 1, us_number: 1, invalid_number: 1 },
    });
    expect(done.costMicros).toBe(ar.unitMicros * sendable.length);

    const rows = await recipients(id);
    const sentRows = rows.filter((r) => r.messageId);
    expect(sentRows.map((r) => r.contactId).sort()).toEqual([...sendable].sort());
    expect(rows.find((r) => r.contactId === invalid!.id)?.skipReason).toBe("invalid_number");
    // At Meta: one message each, image header by link, the name or its fallback, the attribute.
    const received = atMeta(h, new Set(sentRows.map((r) => r.messageId!)));
    expect(received).toHaveLength(sendable.length);
    const bodies = received.map((m) => JSON.stringify(m.body.template));
    expect(bodies.some((b) => b.includes("cliente"))).toBe(true);
    expect(bodies.every((b) => b.includes("https://example.com/sale.jpg") && b.includes('"25"'))).toBe(true);

    // A reply within 24 h is the campaign's.
    const [first] = await db.select().from(contacts).where(eq(contacts.id, sendable[0]!));
    h.sandbox.emulator.injectInbound({ from: first!.phone!.slice(1), text: "¡Lo quiero!" });
    await campaignWhen(h, id, "a reply", (c) => c.replied === 1);

    const csv = await fetch(`${h.url}/v1/campaigns/${id}/recipients.csv`, {
      headers: { authorization: `Bearer ${h.apiKey}` },
    });
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toContain("contactId,phone,name,run,status,skipReason");
    expect(lines).toHaveLength(rows.length + 1);
    const page = await h.api("GET", `/v1/campaigns/${id}/recipients?status=skipped&limit=2`);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.nextCursor).toBeTruthy();

    // The frequency cap: one marketing message a day, and these contacts just got one.
    const capped = await h.api(
      "POST",
      "/v1/campaigns",
      saleCampaign(h, sale.id, { frequencyCap: { max: 1, periodHours: 24 } }),
    );
    const cappedPreview = await h.api("POST", `/v1/campaigns/${capped.body.id}/preview`);
    expect(cappedPreview.body.excluded.frequency_cap).toBe(sendable.length);
    expect(cappedPreview.body.sendable).toBe(0);
  });

  it("skips, on the next campaign, the contacts Meta refused with 131049", async () => {
    await makeContacts(h, 2);
    // Meta's per-user marketing limit reached for everyone (but a contact whose window is open).
    h.sandbox.emulator.setConfig({ marketing: { perUserLimit: 0 } });
    try {
      const first = await h.api("POST", "/v1/campaigns", saleCampaign(h, sale.id, { frequencyCap: null }));
      await h.api("POST", `/v1/campaigns/${first.body.id}/launch`);
      const done = await campaignWhen(
        h,
        first.body.id,
        "every status",
        (c) => c.status === "completed" && c.failed + c.delivered === c.queued,
      );
      expect(done.failed).toBeGreaterThanOrEqual(2);
      expect(done.failedByCode).toEqual({ "131049": done.failed });
      const failedRows = (await recipients(first.body.id)).filter((r) => r.status === "failed");
      expect(failedRows.every((r) => r.errorCode === 131049 && r.failedAt)).toBe(true);

      const next = await h.api("POST", "/v1/campaigns", saleCampaign(h, sale.id, { frequencyCap: null }));
      const preview = await h.api("POST", `/v1/campaigns/${next.body.id}/preview`);
      expect(preview.body.excluded.meta_marketing_limit).toBe(done.failed);
    } finally {
      h.sandbox.emulator.setConfig({ marketing: { perUserLimit: 10 } });
    }
  });

  it("backs off from Meta's 131057, 130429 and 131056 and counts each per campaign, sending every message once", async () => {
    const fresh = await makeContacts(h, 3);
    const list = await h.api("POST", "/v1/lists", { name: "Throttled" });
    await h.api("POST", `/v1/lists/${list.body.id}/members`, { contactIds: fresh });
    const { emulator } = h.sandbox;
    const phone = emulator.state.phones.get(h.number.phoneNumberId)!;
    const { db } = h.charla.services.database;
    const pairKeys = (await db.select().from(contacts).where(inArray(contacts.id, fresh))).map(
      (row) => `${phone.id}:${row.phone!.slice(1)}`,
    );
    // Fault injection at the emulator, one refusal after the other, each lifted once counted:
    // the account in maintenance (131057), a throughput below one message a second (130429),
    // then these users messaged too recently (the pair rate, 131056).
    phone.maintenanceUntil = Date.now() + 3_600_000;
    try {
      const body = saleCampaign(h, sale.id, { frequencyCap: null, audience: { listIds: [list.body.id] } });
      const created = await h.api("POST", "/v1/campaigns", body);
      const id = created.body.id;
      await h.api("POST", `/v1/campaigns/${id}/launch`);
      const counted = (code: string) =>
        campaignWhen(h, id, `${code} counted`, (c) => c.metaRetries[code] > 0, 120_000);
      await counted("131057");
      phone.throughputPerSecond = 0.001;
      phone.maintenanceUntil = undefined;
      await counted("130429");
      emulator.setConfig({ pairRate: { burst: 1, intervalMs: 3_600_000 } });
      for (const key of pairKeys) emulator.state.pairBuckets.set(key, { tokens: 0, last: Date.now() });
      phone.throughputPerSecond = undefined;
      phone.bucket = { tokens: Number.POSITIVE_INFINITY, last: 0 };
      await counted("131056");
      emulator.setConfig({ pairRate: { burst: 45, intervalMs: 6_000 } });
      for (const key of pairKeys) emulator.state.pairBuckets.delete(key);
      const done = await campaignWhen(h, id, "all delivered", (c) => c.delivered === 3, 180_000);
      expect(done).toMatchObject({ status: "completed", queued: 3, failed: 0 });
      const sent = (await recipients(id)).map((r) => r.messageId!);
      expect(atMeta(h, new Set(sent))).toHaveLength(3);
      // Published too: the campaign.progress events (SSE, customer webhooks) carry the counts by code.
      const published = await db
        .select({ data: realtimeEvents.data })
        .from(realtimeEvents)
        .where(
          and(eq(realtimeEvents.type, "campaign.progress"), sql`${realtimeEvents.data} ->> 'id' = ${id}`),
        )
        .orderBy(desc(realtimeEvents.seq))
        .limit(1);
      const retries = published[0]?.data.metaRetries as Record<string, number>;
      for (const code of ["131057", "130429", "131056"]) expect(retries[code]).toBe(done.metaRetries[code]);
    } finally {
      phone.maintenanceUntil = undefined;
      phone.throughputPerSecond = undefined;
      emulator.setConfig({ pairRate: { burst: 45, intervalMs: 6_000 } });
      for (const key of pairKeys) emulator.state.pairBuckets.delete(key);
    }
  }, 600_000);

  it("pauses, resumes and cancels within a second, at the number's throughput tier", async () => {
    const { db } = h.charla.services.database;
    await db.update(phoneNumbers).set({ throughputPerSecond: 4 }).where(eq(phoneNumbers.id, h.number.id));
    try {
      await makeContacts(h, 24);
      const created = await h.api(
        "POST",
        "/v1/campaigns",
        saleCampaign(h, sale.id, { frequencyCap: null, name: "Slow" }),
      );
      const id = created.body.id;
      const launched = await h.api("POST", `/v1/campaigns/${id}/launch`);
      const sendable = launched.body.estimate.sendable;
      expect(sendable).toBeGreaterThanOrEqual(24);
      await campaignWhen(h, id, "some queued", (c) => c.queued >= 4);
      const paused = await h.api("POST", `/v1/campaigns/${id}/pause`);
      expect(paused.body.status).toBe("paused");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const settled = (await campaign(h, id)).queued;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await campaign(h, id)).queued).toBe(settled);
      expect(settled).toBeLessThan(sendable);

      expect((await h.api("POST", `/v1/campaigns/${id}/resume`)).body.status).toBe("running");
      await campaignWhen(h, id, "more queued", (c) => c.queued > settled);
      const cancelled = await h.api("POST", `/v1/campaigns/${id}/cancel`);
      expect(cancelled.body.status).toBe("cancelled");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const final = (await campaign(h, id)).queued;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await campaign(h, id)).queued).toBe(final);
      expect((await h.api("POST", `/v1/campaigns/${id}/resume`)).body.code).toBe("campaign_state");
    } finally {
      await db.update(phoneNumbers).set({ throughputPerSecond: 80 }).where(eq(phoneNumbers.id, h.number.id));
    }
  });

  it("schedules at a local time, refuses a bad cron, and defers contacts in their quiet hours", async () => {
    const at = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 16);
    const scheduled = await h.api(
      "POST",
      "/v1/campaigns",
      saleCampaign(h, sale.id, { schedule: { kind: "at", at, timezone: "UTC" } }),
    );
    const launched = await h.api("POST", `/v1/campaigns/${scheduled.body.id}/launch`);
    expect(launched.body).toMatchObject({ status: "scheduled", nextRunAt: `${at}:00.000Z` });
    const badCron = await h.api(
      "POST",
      "/v1/campaigns",
      saleCampaign(h, sale.id, { schedule: { kind: "cron", cron: "every day", timezone: "UTC" } }),
    );
    expect(badCron.status).toBe(422);
    expect(badCron.body.code).toBe("invalid_cron");

    // Quiet hours covering every hour but the next minute... in Argentina: everyone is deferred.
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/Argentina/Buenos_Aires",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(Date.now() - 60_000));
    const end = new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/Argentina/Buenos_Aires",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(Date.now() + 3 * 3_600_000));
    const quiet = await h.api(
      "POST",
      "/v1/campaigns",
      saleCampaign(h, sale.id, {
        frequencyCap: null,
        schedule: { kind: "now", timezone: "UTC", quietHours: { start: local, end } },
      }),
    );
    await h.api("POST", `/v1/campaigns/${quiet.body.id}/launch`);
    const held = await campaignWhen(
      h,
      quiet.body.id,
      "deferred",
      (c) => c.deferred > 0 && c.holding === "quiet_hours",
    );
    expect(held.queued).toBe(0);
    expect(held.status).toBe("running");
    await h.api("POST", `/v1/campaigns/${quiet.body.id}/cancel`);
  });

  it("runs a recurring campaign again at its next cron time, with a new run of recipients", async () => {
    await makeContacts(h, 2);
    const created = await h.api(
      "POST",
      "/v1/campaigns",
      saleCampaign(h, sale.id, {
        frequencyCap: null,
        schedule: { kind: "cron", cron: "* * * * *", timezone: "UTC" },
      }),
    );
    const launched = await h.api("POST", `/v1/campaigns/${created.body.id}/launch`);
    expect(launched.body.status).toBe("scheduled");
    const sendable = launched.body.estimate.sendable;
    expect(sendable).toBeGreaterThan(0);
    const first = await campaignWhen(h, created.body.id, "run 1 done", (c) => c.run === 2, 150_000);
    expect(first).toMatchObject({ status: "scheduled", queued: sendable });
    expect(new Date(first.nextRunAt).getTime()).toBeGreaterThan(Date.now() - 5_000);
    await campaignWhen(h, created.body.id, "run 2 queued", (c) => c.queued === 2 * sendable, 150_000);
    const rows = await recipients(created.body.id);
    const runs = new Map<string, number[]>();
    for (const row of rows.filter((r) => r.messageId))
      runs.set(row.contactId, [...(runs.get(row.contactId) ?? []), row.run]);
    expect([...runs.values()].every((list) => list.sort().join() === "1,2")).toBe(true);
    await h.api("POST", `/v1/campaigns/${created.body.id}/cancel`);
  }, 320_000);

  it("counts a recipient's click on Charla's redirect link once, then redirects", async () => {
    const { db } = h.charla.services.database;
    const body = saleCampaign(h, sale.id);
    body.variants[0]!.parameters = {
      ...body.variants[0]!.parameters,
      buttons: [{ index: 0, redirectUrl: "https://shop.example.com/sale" }],
    } as never;
    const created = await h.api("POST", "/v1/campaigns", body);
    expect(created.status).toBe(201);
    const [contact] = await makeContacts(h, 1);
    await db.insert(campaignRecipients).values({
      tenantId: h.tenant.id,
      campaignId: created.body.id,
      contactId: contact!,
      status: "delivered",
      rank: 3,
      variant: 0,
      clickToken: "tok_abcdefgh",
    });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${h.url}/c/tok_abcdefgh`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("https://shop.example.com/sale");
    }
    expect((await campaign(h, created.body.id)).clicked).toBe(1);
    // The click waits as a delta (unless the minute's job folded it already); another tenant's fold
    // moves nothing, the campaign's own folds it into the row, and reads count it once either way.
    expect(await foldCounters(db, created.body.id, randomUUID())).toBeUndefined();
    await foldAllCounters(db);
    const [folded] = await db.select().from(campaigns).where(eq(campaigns.id, created.body.id));
    expect(folded!.clicked).toBe(1);
    expect((await campaign(h, created.body.id)).clicked).toBe(1);
    const unknown = await fetch(`${h.url}/c/tok_unknown1`, { redirect: "manual" });
    expect(unknown.status).toBe(404);
    const [row] = await recipients(created.body.id);
    expect(row!.clickedAt).toBeInstanceOf(Date);
  });

  it("refuses a launch the wallet cannot cover with insufficient_balance", async () => {
    const { tenant, apiKey } = await makeTenant(h);
    const { db } = h.charla.services.database;
    await configureWallet(db, tenant.id, { currency: "USD" });
    const res = await h.api("GET", "/v1/campaigns", undefined, apiKey);
    expect(res.body.data).toEqual([]);
    // The other tenant cannot use this tenant's number, template or campaign.
    const foreign = await h.api("POST", "/v1/campaigns", saleCampaign(h, sale.id), apiKey);
    expect(foreign.status).toBe(404);
    const mine = await h.api("POST", "/v1/campaigns", saleCampaign(h, sale.id));
    for (const path of ["", "/recipients", "/recipients.csv"])
      expect((await h.api("GET", `/v1/campaigns/${mine.body.id}${path}`, undefined, apiKey)).status).toBe(
        404,
      );
    for (const action of ["preview", "launch", "pause", "cancel"])
      expect((await h.api("POST", `/v1/campaigns/${mine.body.id}/${action}`, undefined, apiKey)).status).toBe(
        404,
      );

    // This tenant's wallet, drained: the launch is refused before anything is queued.
    await db
      .update(billingAccounts)
      .set({ balanceMicros: 1 })
      .where(eq(billingAccounts.tenantId, h.tenant.id));
    await makeContacts(h, 1, "in", freshPhone);
    const refused = await h.api("POST", `/v1/campaigns/${mine.body.id}/launch`);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ code: "insufficient_balance", currency: "USD" });
    expect((await campaign(h, mine.body.id)).status).toBe("draft");
  });
});
