import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.ts";
import { type Harness, startHarness } from "../../test/support/harness.ts";
import { eventually } from "../../test/support/wait.ts";
import { defineJob, ensureQueues, queue, startWorkers } from "./queue.ts";

describeEachDatabase("job failures", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
  });
  afterAll(() => h?.close());

  it("are logged with the job's name and error, not only stored on the job", async () => {
    const logged: { job: string; jobIds: string[]; err: unknown; message: string }[] = [];
    const failing = defineJob(queue("test-always-fails", { retryLimit: 0 }), {
      work: { pollingIntervalSeconds: 0.5 },
      handler: async () => {
        throw new Error("the remote side said no");
      },
    });
    const { boss } = h.charla.services;
    await ensureQueues(boss, [failing]);
    await startWorkers(h.charla.services, [failing], 1, (failure, message) =>
      logged.push({ ...failure, message }),
    );
    const id = await boss.send("test-always-fails", {});
    const entry = await eventually(() => logged[0], { what: "the failure logged" });
    expect(entry).toMatchObject({
      job: "test-always-fails",
      jobIds: [id],
      message: "job test-always-fails failed",
    });
    expect((entry.err as Error).message).toBe("the remote side said no");
  });

  it("hold every queue's retry delays to JOBS_RETRY_DELAY_MAX_SECONDS when it is set", async () => {
    const { boss } = h.charla.services;
    const backingOff = defineJob(
      queue("test-backs-off", { retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 120 }),
      { handler: async () => {} },
    );
    const fixed = defineJob(queue("test-fixed-delay", { retryLimit: 5, retryDelay: 30 }), {
      handler: async () => {},
    });
    await ensureQueues(boss, [backingOff, fixed], 1);
    expect(await boss.getQueue("test-backs-off")).toMatchObject({ retryDelay: 1, retryDelayMax: 1 });
    expect(await boss.getQueue("test-fixed-delay")).toMatchObject({ retryDelay: 1 });
    // Unset: each queue's own delays again (a deploy that drops the cap).
    await ensureQueues(boss, [backingOff, fixed]);
    expect(await boss.getQueue("test-backs-off")).toMatchObject({ retryDelay: 2, retryDelayMax: 120 });
    expect(await boss.getQueue("test-fixed-delay")).toMatchObject({ retryDelay: 30 });
  });
});
