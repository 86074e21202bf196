import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BillingBench, startBillingBench } from "../../../test/support/billing.ts";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { billingAccounts, ledgerPostings } from "../../db/schema.ts";
import { AppError } from "../../lib/problem.ts";
import { checkLedger, releaseExpired } from "./checks.ts";
import { accountSum } from "./ledger.ts";
import { topUp } from "./wallet.ts";

/** Prices with the default card and 20% markup, Argentina. */
const PRICE = { utility: 31_200, marketing: 74_160, authentication: 31_200 } as const;
type Category = keyof typeof PRICE;
const CREDIT_LIMIT = 50_000;

const op = fc.oneof(
  fc.record({ kind: fc.constant("top_up" as const), amount: fc.integer({ min: 1, max: 120_000 }) }),
  fc.record({
    kind: fc.constant("send" as const),
    message: fc.nat(3),
    category: fc.constantFrom<Category>("utility", "marketing", "authentication"),
  }),
  fc.record({
    kind: fc.constant("status" as const),
    message: fc.nat(3),
    status: fc.constantFrom("sent" as const, "delivered" as const, "read" as const, "failed" as const),
    billable: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("sweep" as const) }),
);

type State = "reserved" | "released" | "charged" | "free";

describeEachDatabase("billing ledger property", (kind) => {
  let b: BillingBench;
  beforeAll(async () => {
    b = await startBillingBench(kind);
  });
  afterAll(() => b?.close());

  it("for any interleaving of sends, statuses and top-ups: balance = top-ups - charges - open reservations, no message charged twice", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40, size: "max" }), async (ops) => {
        const { db } = b.database;
        const tenant = await b.tenant({ creditLimitMicros: CREDIT_LIMIT });
        const ids = Array.from({ length: 4 }, () => randomUUID());
        const model = { topUps: 0, states: new Map<string, { state: State; category: Category }>() };
        const modelBalance = () => {
          let balance = model.topUps;
          for (const { state, category } of model.states.values())
            if (state === "reserved" || state === "charged") balance -= PRICE[category];
          return balance;
        };
        for (const step of ops) {
          if (step.kind === "top_up") {
            await db.transaction((tx) =>
              topUp(
                { boss: b.boss, tx },
                {
                  tenantId: tenant,
                  amountMicros: step.amount,
                  key: randomUUID(),
                  reference: "p",
                  author: "p",
                },
              ),
            );
            model.topUps += step.amount;
          } else if (step.kind === "send") {
            const id = ids[step.message]!;
            if (model.states.has(id)) continue; // a message is accepted once
            const balance = modelBalance();
            const price = PRICE[step.category];
            const refused =
              (step.category === "marketing" && balance <= 0) || balance - price < -CREDIT_LIMIT;
            const outcome = await b.send(tenant, { messageId: id, category: step.category }).then(
              () => "accepted",
              (error: unknown) => (error instanceof AppError ? error.code : String(error)),
            );
            expect(outcome).toBe(refused ? "insufficient_balance" : "accepted");
            if (!refused) model.states.set(id, { state: "reserved", category: step.category });
          } else if (step.kind === "status") {
            const id = ids[step.message]!;
            const known = model.states.get(id);
            const category = known?.category ?? "utility";
            const pricing = step.billable
              ? { billable: true, type: "regular", category }
              : { billable: false, type: "free_customer_service", category };
            await b.status(tenant, id, step.status, pricing);
            if (!known) continue;
            if (
              (step.status === "delivered" || step.status === "read") &&
              known.state !== "charged" &&
              known.state !== "free"
            )
              known.state = step.billable ? "charged" : "free";
            else if (step.status === "failed" && known.state === "reserved") known.state = "released";
          } else {
            await db.transaction((tx) => releaseExpired({ boss: b.boss, tx }, new Date(Date.now() + 60_000)));
            for (const entry of model.states.values())
              if (entry.state === "reserved") entry.state = "released";
          }
        }
        const [account] = await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenant));
        expect(account!.balanceMicros).toBe(modelBalance());
        expect(await accountSum(db, tenant, "wallet")).toBe(modelBalance());
        const open = [...model.states.values()].filter((s) => s.state === "reserved");
        expect(await accountSum(db, tenant, "reserved")).toBe(
          open.reduce((sum, s) => sum + PRICE[s.category], 0),
        );
        const [charges] = await db
          .select({ n: count() })
          .from(ledgerPostings)
          .where(and(eq(ledgerPostings.tenantId, tenant), eq(ledgerPostings.kind, "charge")));
        expect(charges!.n).toBe([...model.states.values()].filter((s) => s.state === "charged").length);
        const check = await checkLedger(db);
        expect(check.unbalancedPostings).toEqual([]);
        expect(check.balanceMismatches).toEqual([]);
      }),
      { numRuns: kind === "pglite" ? 40 : 25 },
    );
  }, 240_000);
});
