import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BillingBench, startBillingBench } from "../../../test/support/billing.ts";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { eventually } from "../../../test/support/wait.ts";
import { type Database, openDatabase } from "../../db/client.ts";
import { billingMessages } from "../../db/schema.ts";
import { markupBps } from "./price.ts";
import { cardInForce, importRateCard } from "./rates.ts";
import { setMarkup, topUp } from "./wallet.ts";

const utility = { billable: true, pricing_model: "PMP", type: "regular", category: "utility" };

/**
 * Settlement prices at cards and markups cached per process (price.ts, rates.ts): a change must
 * reach the next settle, in the process that made it at once and in the others by NOTIFY.
 */
describeEachDatabase("billing's cached rate cards and markups", (kind) => {
  let b: BillingBench;
  beforeAll(async () => {
    b = await startBillingBench(kind);
  });
  afterAll(async () => {
    await b?.close();
  });

  const funded = async () => {
    const tenant = await b.tenant();
    await b.database.db.transaction((tx) =>
      topUp(
        { boss: b.boss, tx },
        { tenantId: tenant, amountMicros: 10_000_000, key: randomUUID(), reference: "t", author: "t" },
      ),
    );
    return tenant;
  };
  /** Sends a utility template to Argentina and settles it delivered: Meta's cost and the markup charged. */
  const charge = async (tenant: string) => {
    const id = randomUUID();
    await b.send(tenant, { messageId: id });
    await b.status(tenant, id, "delivered", utility);
    const [row] = await b.database.db.select().from(billingMessages).where(eq(billingMessages.messageId, id));
    expect(row!.state).toBe("charged");
    return { costMicros: row!.costMicros, markupMicros: row!.markupMicros };
  };
  /** The markup charged on the default card's rate (Meta's cost 0.026). */
  const chargedMarkup = async (tenant: string) => {
    const { costMicros, markupMicros } = await charge(tenant);
    expect(costMicros).toBe(26_000);
    return markupMicros;
  };
  const rawMarkup = (tenant: string, basisPoints: number) =>
    b.database.db.execute(
      sql`update billing_markups set basis_points = ${basisPoints} where tenant_id = ${tenant}::uuid and category = 'utility'`,
    );

  it("uses a changed markup in the next settle: at once after setMarkup, by NOTIFY after any other write", async () => {
    const tenant = await funded();
    expect(await chargedMarkup(tenant)).toBe(5_200); // the default 20%
    await setMarkup(b.database.db, {
      tenantId: tenant,
      category: "utility",
      basisPoints: 5_000,
      author: "t",
    });
    expect(await chargedMarkup(tenant)).toBe(13_000);
    // Written behind billing's back: the trigger's NOTIFY drops the cached markups.
    await rawMarkup(tenant, 1_000);
    await eventually(async () => (await markupBps(b.database.db, tenant, "utility")) === 1_000, {
      what: "the markup to change",
    });
    expect(await chargedMarkup(tenant)).toBe(2_600);
  });

  it("serves the markups from the cache (a change without its NOTIFY is not seen until one comes)", async () => {
    const tenant = await funded();
    await setMarkup(b.database.db, {
      tenantId: tenant,
      category: "utility",
      basisPoints: 1_000,
      author: "t",
    });
    await eventually(async () => (await markupBps(b.database.db, tenant, "utility")) === 1_000);
    expect(await chargedMarkup(tenant)).toBe(2_600);
    await b.database.db.execute(
      sql`alter table billing_markups disable trigger billing_markups_cache_notify`,
    );
    try {
      await rawMarkup(tenant, 3_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await chargedMarkup(tenant)).toBe(2_600);
    } finally {
      await b.database.db.execute(
        sql`alter table billing_markups enable trigger billing_markups_cache_notify`,
      );
    }
    await rawMarkup(tenant, 3_000);
    await eventually(async () => (await markupBps(b.database.db, tenant, "utility")) === 3_000);
    expect(await chargedMarkup(tenant)).toBe(7_800);
  });

  it("prices at a card imported later from the next settle on", async () => {
    const tenant = await funded();
    expect(await chargedMarkup(tenant)).toBe(5_200);
    const at = new Date();
    const before = await cardInForce(b.database.db, "USD", at);
    const card = await importRateCard(b.database.db, {
      csv: "Market,Currency,Marketing,Utility,Authentication\nArgentina,USD,0.05,0.0300,0.02",
      effectiveFrom: new Date(at.getTime() - 1000),
      source: "test",
      importedBy: "test",
    });
    expect(card.id).not.toBe(before!.id);
    expect((await cardInForce(b.database.db, "USD", at))!.id).toBe(card.id);
    expect(await charge(tenant)).toEqual({ costMicros: 30_000, markupMicros: 6_000 });
  });

  // Two processes need a server: PGlite is one process's database.
  if (kind === "postgres")
    it("reaches another process: its markup and card change by NOTIFY", async () => {
      const other: Database = await openDatabase({ url: b.testDatabase.url!, poolSize: 2 });
      try {
        const tenant = await funded();
        // This process caches them (and LISTENs) first.
        await eventually(async () => (await markupBps(b.database.db, tenant, "utility")) === 2_000);
        await markupBps(b.database.db, tenant, "utility");
        const card = await cardInForce(b.database.db, "USD", new Date());
        await setMarkup(other.db, { tenantId: tenant, category: "utility", basisPoints: 4_000, author: "t" });
        await eventually(async () => (await markupBps(b.database.db, tenant, "utility")) === 4_000, {
          what: "the other process's markup",
        });
        const imported = await importRateCard(other.db, {
          csv: "Market,Currency,Marketing,Utility,Authentication\nArgentina,USD,0.05,0.0400,0.02",
          effectiveFrom: new Date(Date.now() - 1000),
          source: "test",
          importedBy: "test",
        });
        expect(imported.id).not.toBe(card!.id);
        await eventually(
          async () => (await cardInForce(b.database.db, "USD", new Date()))!.id === imported.id,
          {
            what: "the other process's card",
          },
        );
        expect(await charge(tenant)).toEqual({ costMicros: 40_000, markupMicros: 16_000 });
      } finally {
        await other.close();
      }
    });
});
