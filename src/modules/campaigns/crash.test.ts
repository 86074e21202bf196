import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { campaignRecipients, contacts, phoneNumbers } from "../../db/schema.ts";
import { startWorkers } from "../../jobs/queue.ts";
import { moduleJobs } from "../index.ts";
import {
  campaign,
  campaignWhen,
  everyoneSegment,
  saleCampaign,
  sandboxTemplates,
} from "./support.test-helpers.ts";

const RECIPIENTS = 400;
/**
 * Seconds dispatch waits for Meta's webhooks before resending a message whose outcome a dead worker
 * left unknown (default 60): long enough for the webhooks to be ingested on a loaded machine.
 */
const RECONCILE = "20";

/** A worker process (`charla worker`) on the harness's database and emulator. */
function workerProcess(h: Harness): ChildProcess {
  return spawn(process.execPath, [join(import.meta.dirname, "../../cli/main.ts"), "worker"], {
    env: {
      ...process.env,
      DATABASE_URL: h.testDatabase.url!,
      SECRET_KEY: "0".repeat(64),
      SANDBOX: "false",
      WHATSAPP_GRAPH_URL: h.sandbox.emulator.url,
      JOBS_SUPERVISE_SECONDS: "1",
      DISPATCH_RECONCILE_SECONDS: RECONCILE,
      LOG_LEVEL: "silent",
      DATA_DIR: mkdtempSync(join(tmpdir(), "charla-worker-")),
    },
    stdio: "ignore",
  });
}

describe.skipIf(!inject("postgresUrl"))("a campaign whose worker process is killed [postgres]", () => {
  let h: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    h = await startHarness(
      "postgres",
      { DISPATCH_RECONCILE_SECONDS: RECONCILE, JOBS_SUPERVISE_SECONDS: "1" },
      {},
      { workers: false },
    );
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await h?.close();
  });

  it("resumes where it stopped: 0 lost and 0 duplicated sends at the emulator", {
    timeout: 180_000,
  }, async () => {
    const { db } = h.charla.services.database;
    children.push(workerProcess(h));
    const { sale } = await sandboxTemplates(h);
    await everyoneSegment(h);
    const phones = new Set<string>();
    while (phones.size < RECIPIENTS) phones.add(`+54911${randomInt(10_000_000, 99_999_999)}`);
    await db
      .insert(contacts)
      .values(
        [...phones].map((phone) => ({ tenantId: h.tenant.id, phone, name: "Ana", optedInAt: new Date() })),
      );
    // 100 msg/s: the campaign takes seconds, so the kill lands mid-run; Meta answers slowly.
    await db.update(phoneNumbers).set({ throughputPerSecond: 100 }).where(eq(phoneNumbers.id, h.number.id));
    h.sandbox.emulator.setConfig({ faults: { latencyMs: 150 } });

    const created = await h.api("POST", "/v1/campaigns", saleCampaign(h, sale.id, { frequencyCap: null }));
    expect((await h.api("POST", `/v1/campaigns/${created.body.id}/launch`)).status).toBe(200);
    const id = created.body.id;
    await campaignWhen(h, id, "a third queued", (c) => c.queued >= RECIPIENTS / 3, 60_000);
    children[0]!.kill("SIGKILL");
    const atKill = await campaign(h, id);
    expect(atKill.queued).toBeLessThan(RECIPIENTS);

    // A second worker process, killed in turn, then workers in this process finish the campaign.
    children.push(workerProcess(h));
    await campaignWhen(h, id, "more queued", (c) => c.queued > atKill.queued + 50, 60_000);
    children[1]!.kill("SIGKILL");
    h.sandbox.emulator.setConfig({ faults: { latencyMs: 0 } });
    await startWorkers(h.charla.services, moduleJobs, 2);
    const done = await campaignWhen(
      h,
      id,
      "every recipient delivered",
      (c) => c.status === "completed" && c.delivered === RECIPIENTS,
      200_000,
    );
    expect(done).toMatchObject({ queued: RECIPIENTS, skipped: 0, failed: 0 });

    // At the emulator: each audience phone got exactly one message of the campaign.
    const rows = await db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, id));
    expect(rows).toHaveLength(RECIPIENTS);
    const messageIds = new Set(rows.map((row) => row.messageId!));
    const atMeta = [...h.sandbox.emulator.state.messages.values()].filter((m) =>
      messageIds.has(String(m.body.biz_opaque_callback_data)),
    );
    const perPhone = new Map<string, number>();
    for (const message of atMeta) {
      const to = String(message.body.to).replace(/^\+/, "");
      perPhone.set(to, (perPhone.get(to) ?? 0) + 1);
    }
    expect(perPhone.size).toBe(RECIPIENTS);
    expect([...perPhone.values()].every((count) => count === 1)).toBe(true);
    expect(new Set([...perPhone.keys()].map((to) => `+${to}`))).toEqual(phones);
  });
});
