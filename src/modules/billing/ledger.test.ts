import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BillingBench, startBillingBench } from "../../../test/support/billing.ts";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { billingAccounts, billingMessages, billingVolumes, ledgerPostings } from "../../db/schema.ts";
import { type DomainEvent, useSubscribers } from "../../events/index.ts";
import { checkLedger, releaseExpired } from "./checks.ts";
import { post, postingLines } from "./ledger.ts";
import { importRateCard } from "./rates.ts";
import { discrepancies } from "./reports.ts";
import { billingSubscriber } from "./settle.ts";
import { topUp } from "./wallet.ts";

const utility = { billable: true, pricing_model: "PMP", type: "regular", category: "utility" };
const emitted: DomainEvent[] = [];

describeEachDatabase("billing ledger and settlement", (kind) => {
  let b: BillingBench;
  beforeAll(async () => {
    b = await startBillingBench(kind);
    useSubscribers([
      { name: "test.capture", handle: async (_context, events) => void emitted.push(...events) },
    ]);
  });
  afterAll(async () => {
    useSubscribers([]);
    await b?.close();
  });

  const credit = (tenantId: string, amountMicros: number) =>
    b.database.db.transaction((tx) =>
      topUp(
        { boss: b.boss, tx },
        { tenantId, amountMicros, key: randomUUID(), reference: "test", author: "test" },
      ),
    );
  const balance = async (tenantId: string) => {
    const [row] = await b.database.db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, tenantId));
    return row!.balanceMicros;
  };
  const row = async (messageId: string) =>
    (await b.database.db.select().from(billingMessages).where(eq(billingMessages.messageId, messageId)))[0]!;
  const postings = (messageId: string) =>
    b.database.db.select().from(ledgerPostings).where(eq(ledgerPostings.messageId, messageId));

  it("blocks marketing at zero and anything past the credit limit, with 402 insufficient_balance", async () => {
    const tenant = await b.tenant({ creditLimitMicros: 40_000 });
    // Utility to Argentina costs 0.0312 with the markup: once into the credit, not twice.
    await b.send(tenant, { messageId: randomUUID() });
    expect(await balance(tenant)).toBe(-31_200);
    await expect(b.send(tenant, { messageId: randomUUID() })).rejects.toMatchObject({
      status: 402,
      code: "insufficient_balance",
    });
    await credit(tenant, 31_200);
    await expect(b.send(tenant, { messageId: randomUUID(), category: "marketing" })).rejects.toMatchObject({
      code: "insufficient_balance",
    });
    await credit(tenant, 50_000);
    await b.send(tenant, { messageId: randomUUID(), category: "marketing" });
    expect(await balance(tenant)).toBe(50_000 - 74_160);
  });

  it("refuses a billed send no card has a rate for; the default card prices every market", async () => {
    const euros = await b.tenant({ currency: "EUR" });
    await credit(euros, 1_000_000);
    await expect(b.send(euros, { messageId: randomUUID(), phone: "+3545551234" })).rejects.toMatchObject({
      status: 422,
      code: "rate_unavailable",
    });
    // Iceland is in no region: Meta's "Other" (utility 0.0077 + 20%).
    const dollars = await b.tenant();
    await credit(dollars, 1_000_000);
    await b.send(dollars, { messageId: randomUUID(), phone: "+3545551234" });
    expect(await balance(dollars)).toBe(1_000_000 - 9_240);
  });

  it("charges once whatever the order and repetition of statuses; a failure releases", async () => {
    const tenant = await b.tenant();
    await credit(tenant, 1_000_000);
    const id = randomUUID();
    await b.send(tenant, { messageId: id });
    await b.status(tenant, id, "delivered", utility);
    await b.status(tenant, id, "sent", utility);
    await b.status(tenant, id, "delivered", utility);
    await b.status(tenant, id, "read", utility);
    expect(await balance(tenant)).toBe(1_000_000 - 31_200);
    expect((await postings(id)).map((p) => p.kind).sort()).toEqual(["charge", "reservation"]);

    const failed = randomUUID();
    await b.send(tenant, { messageId: failed });
    await b.status(tenant, failed, "failed");
    await b.status(tenant, failed, "failed");
    expect(await row(failed)).toMatchObject({ state: "released" });
    expect(await balance(tenant)).toBe(1_000_000 - 31_200);
  });

  it("releases after the timeout and still charges a late verdict once", async () => {
    const tenant = await b.tenant();
    await credit(tenant, 1_000_000);
    const id = randomUUID();
    await b.send(tenant, { messageId: id });
    const released = await b.database.db.transaction((tx) =>
      releaseExpired({ boss: b.boss, tx }, new Date(Date.now() + 1000)),
    );
    expect(released).toBeGreaterThanOrEqual(1);
    expect(await balance(tenant)).toBe(1_000_000);
    await b.status(tenant, id, "delivered", utility);
    await b.status(tenant, id, "read", utility);
    expect(await row(id)).toMatchObject({ state: "charged", costMicros: 26_000 });
    expect(await balance(tenant)).toBe(1_000_000 - 31_200);
  });

  it("records where Meta's pricing disagrees with the estimate, and Meta wins", async () => {
    const tenant = await b.tenant();
    await credit(tenant, 1_000_000);
    const id = randomUUID();
    await b.send(tenant, { messageId: id });
    await b.status(tenant, id, "delivered", {
      billable: false,
      type: "free_customer_service",
      category: "utility",
    });
    expect(await row(id)).toMatchObject({
      state: "free",
      discrepancy: "Charla estimated utility/regular, Meta reported utility/free_customer_service",
    });
    expect(await balance(tenant)).toBe(1_000_000);
    const marketing = randomUUID();
    await b.send(tenant, { messageId: marketing, category: "utility" });
    await b.status(tenant, marketing, "delivered", {
      billable: true,
      type: "regular",
      category: "marketing",
    });
    expect(await row(marketing)).toMatchObject({
      costMicros: 61_800,
      discrepancy: expect.stringContaining("Meta reported marketing/regular"),
    });
    expect((await discrepancies(b.database.db, tenant, 10)).map((d) => d.messageId).sort()).toEqual(
      [id, marketing].sort(),
    );
  });

  it("prices utility by the month's volume tier, from a versioned card", async () => {
    const tenant = await b.tenant({ currency: "EUR" });
    await credit(tenant, 10_000_000);
    const card = (rate: string) => ({
      csv: `Market,Currency,Marketing,Utility,Authentication\nArgentina,EUR,0.05,${rate},0.02`,
      tiersCsv: "Market,Currency,Category,Tier,Rate\nArgentina,EUR,Utility,3+,0.0100",
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
      source: "test",
      importedBy: "test",
    });
    expect(await importRateCard(b.database.db, card("0.0300"))).toMatchObject({ version: 1, rates: 4 });
    expect(await importRateCard(b.database.db, card("0.0200"))).toMatchObject({ version: 2 });
    const costs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const id = randomUUID();
      await b.send(tenant, { messageId: id });
      await b.status(tenant, id, "delivered", utility);
      costs.push((await row(id)).costMicros!);
    }
    expect(costs).toEqual([20_000, 20_000, 10_000, 10_000]);
  });

  it("ranks a batch's tiered charges in the month's volume, one after another, and a repeat adds nothing", async () => {
    const tenant = await b.tenant({ currency: "EUR" });
    await credit(tenant, 10_000_000);
    const ids = Array.from({ length: 5 }, () => randomUUID()).sort();
    for (const id of ids) await b.send(tenant, { messageId: id });
    const delivered = ids.map(
      (id) =>
        ({
          type: "message.delivered",
          tenantId: tenant,
          data: { id, status: "delivered", deliveredAt: new Date(), pricing: utility },
        }) as unknown as DomainEvent,
    );
    const settle = (events: DomainEvent[]) =>
      b.database.db.transaction((tx) => billingSubscriber.handle({ boss: b.boss, tx }, events));
    await settle(delivered.slice(0, 1));
    await settle(delivered);
    await settle(delivered);
    const costs = await Promise.all(ids.map(async (id) => (await row(id)).costMicros));
    // The card of the test above (EUR): 0.0200, then 0.0100 from the 3rd message of the month.
    expect(costs).toEqual([20_000, 20_000, 10_000, 10_000, 10_000]);
    const [volume] = await b.database.db
      .select()
      .from(billingVolumes)
      .where(eq(billingVolumes.tenantId, tenant));
    expect(volume).toMatchObject({ category: "utility", market: "AR", count: 5 });
  });

  it("raises billing.low_balance once when the balance crosses the threshold", async () => {
    const tenant = await b.tenant({ lowBalanceMicros: 50_000 });
    await credit(tenant, 100_000);
    emitted.length = 0;
    await b.send(tenant, { messageId: randomUUID() });
    expect(emitted).toEqual([]);
    await b.send(tenant, { messageId: randomUUID() });
    await b.send(tenant, { messageId: randomUUID() });
    expect(emitted).toEqual([
      expect.objectContaining({
        type: "billing.low_balance",
        tenantId: tenant,
        data: expect.objectContaining({ balance: "0.037600", threshold: "0.050000" }),
      }),
    ]);
    const check = await checkLedger(b.database.db);
    expect(check).toEqual({ balanceMismatches: [], unbalancedPostings: [] });
    const [account] = await b.database.db
      .select()
      .from(billingAccounts)
      .where(and(eq(billingAccounts.tenantId, tenant)));
    expect(account!.lowBalanceAlerted).toBe(true);
  });

  it("refuses a posting whose amounts do not balance, and shows a posting's amounts as its lines", async () => {
    const { db } = b.database;
    const tenant = await b.tenant();
    await credit(tenant, 10_000);
    const [posting] = await db.select().from(ledgerPostings).where(eq(ledgerPostings.tenantId, tenant));
    expect(postingLines(posting!)).toEqual([
      { account: "wallet", amountMicros: 10_000 },
      { account: "funding", amountMicros: -10_000 },
    ]);
    const unbalanced = db.insert(ledgerPostings).values({
      tenantId: tenant,
      kind: "adjustment",
      key: "adjustment:unbalanced",
      author: "test",
      walletMicros: 1,
    });
    await expect(unbalanced).rejects.toThrow();
    const tampered = db
      .update(ledgerPostings)
      .set({ markupMicros: 5 })
      .where(eq(ledgerPostings.id, posting!.id));
    await expect(tampered).rejects.toThrow();
    expect(await checkLedger(db)).toEqual({ balanceMismatches: [], unbalancedPostings: [] });
  });

  it("stores a posting's key (built from its kind and message, or its own), reference, reason, author and amounts, once", async () => {
    const { db } = b.database;
    const tenant = await b.tenant();
    const id = randomUUID();
    const postings = [
      {
        tenantId: tenant,
        kind: "adjustment" as const,
        key: `adjustment:${id}:goodwill`,
        messageId: id,
        reference: "ticket-7",
        reason: "goodwill",
        author: "admin@example.com",
        lines: [
          { account: "wallet" as const, amountMicros: 500 },
          { account: "adjustments" as const, amountMicros: -500 },
        ],
      },
      {
        tenantId: tenant,
        kind: "refund" as const,
        key: `refund:${id}`,
        messageId: id,
        author: "system",
        lines: [
          { account: "wallet" as const, amountMicros: 300 },
          { account: "meta_cost" as const, amountMicros: -250 },
          { account: "markup" as const, amountMicros: -50 },
        ],
      },
    ];
    const once = () => db.transaction((tx) => post({ boss: b.boss, tx }, postings));
    expect(await once()).toBe(2);
    expect(await once()).toBe(0);
    const stored = await db.select().from(ledgerPostings).where(eq(ledgerPostings.tenantId, tenant));
    expect(
      stored
        .map((posting) => ({
          key: posting.key,
          kind: posting.kind,
          messageId: posting.messageId,
          reference: posting.reference,
          reason: posting.reason,
          author: posting.author,
          lines: postingLines(posting),
        }))
        .sort((x, y) => x.key.localeCompare(y.key)),
    ).toEqual(postings.map(({ tenantId: _, ...posting }) => ({ reference: null, reason: null, ...posting })));
    expect(await balance(tenant)).toBe(800);
  });
});
