import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { takeSendTokens } from "./sending.ts";

describeEachDatabase("per-number send token bucket", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("grants at most one second of throughput at once, then makes callers wait", async () => {
    const { db } = h.charla.services.database;
    const first = await takeSendTokens(db, h.number.id, 5, 8);
    expect(first).toEqual({ granted: 5, waitMs: 0 });
    const second = await takeSendTokens(db, h.number.id, 5, 8);
    expect(second.granted).toBe(0);
    expect(second.waitMs).toBeGreaterThan(0);
    expect(second.waitMs).toBeLessThanOrEqual(200);
  });

  it("is shared: concurrent takers never get more than the bucket holds", async () => {
    const { db } = h.charla.services.database;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // refill to capacity
    const grants = await Promise.all(Array.from({ length: 10 }, () => takeSendTokens(db, h.number.id, 5, 3)));
    const total = grants.reduce((sum, grant) => sum + grant.granted, 0);
    // 5 in the bucket, plus what refilled while the ten statements ran (at 5/s, at most a few).
    expect(total).toBeGreaterThanOrEqual(5);
    expect(total).toBeLessThanOrEqual(7);
  });
});
