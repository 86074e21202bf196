import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { DISPATCH_QUEUE } from "./queues.ts";

describeEachDatabase("a dispatch that never gets through", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("marks the message failed once its job has used up every retry, and only then", async () => {
    const phone = `+54911${randomInt(10_000_000, 99_999_999)}`;
    const { id: wamid } = h.sandbox.emulator.injectInbound({ from: phone.slice(1), text: "hola" });
    // The window is open once the inbound message is stored.
    await eventually(async () => {
      const inbound = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data;
      return inbound.some((message: { wamid: string }) => message.wamid === wamid);
    });
    // Meta answers every send with a transient 5xx: retried, never failed by Meta.
    h.sandbox.emulator.setConfig({ faults: { errorRate: 1 } });
    try {
      const sent = await h.api("POST", "/v1/messages", {
        to: phone,
        type: "text",
        text: { body: "¿Sigue?" },
      });
      expect(sent.status).toBe(202);
      const id = sent.body.id as string;

      // Still being retried: queued (or in an attempt), no error.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const meanwhile = (await h.api("GET", `/v1/messages/${id}`)).body;
      expect(["queued", "dispatching"]).toContain(meanwhile.status);
      expect(meanwhile.error ?? null).toBeNull();

      // A job for it with no retries left, as the API's job is after its last attempt.
      await h.charla.services.boss.send(DISPATCH_QUEUE.name, { messageIds: [id] }, { retryLimit: 0 });
      const failed = await eventually(
        async () => {
          const message = (await h.api("GET", `/v1/messages/${id}`)).body;
          return message.status === "failed" ? message : undefined;
        },
        { timeoutMs: 30_000, what: "the message failed" },
      );
      expect(failed.error).toMatchObject({ title: "dispatch_exhausted" });
      expect(failed.failedAt).toBeTruthy();
      expect(failed.wamid ?? null).toBeNull();
    } finally {
      h.sandbox.emulator.setConfig({ faults: { errorRate: 0 } });
    }
  });
});
