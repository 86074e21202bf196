import { setTimeout as sleep } from "node:timers/promises";
import { and, inArray, lte } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { defineJob, enqueue, type JobDefinition, type JobTarget } from "../../jobs/queue.ts";
import { AppError } from "../../lib/problem.ts";
import { numbersByIds } from "../numbers/index.ts";
import type { ReadAhead } from "./chunk.ts";
import { foldAllCounters } from "./counters.ts";
import { holdForBalance, tick } from "./engine.ts";
import { combinedThroughput, messagingBudget, Pacer, portfolioLimit } from "./pacing.ts";
import { CAMPAIGN_DUE_QUEUE, CAMPAIGN_RUN_QUEUE } from "./queues.ts";
import { campaigns } from "./schema.ts";

/** A runner hands over to a fresh job after this long (short jobs: deploys, heartbeats, fairness). */
const RUN_SLICE_MS = 120_000;
/** The portfolio's used budget is re-read this often (it is a count over the last 24 h of sends). */
const BUDGET_REFRESH_MS = 10_000;
/** Smallest release worth a transaction, as a share of a second's throughput. */
const MIN_CHUNK_SHARE = 0.1;

export function startRunner(target: JobTarget, campaignId: string, startAfter?: Date) {
  return enqueue(target, CAMPAIGN_RUN_QUEUE, { campaignId }, { singletonKey: campaignId, startAfter });
}

/**
 * Runs a campaign: ticks paced to the numbers' throughput tier (credit of at most one second) and
 * to the portfolio's messaging limit (re-read every 10 s, spent locally in between), until the run
 * ends, the campaign stops, or the slice is over (then a fresh job continues).
 */
export async function runCampaign(services: Services, campaignId: string): Promise<void> {
  const started = Date.now();
  const pace: { pacer: Pacer | null } = { pacer: null };
  let budget = { remaining: await currentBudget(services, campaignId), at: Date.now() };
  // The next chunk of the audience, read while the previous tick wrote (see readAhead).
  let ahead: Promise<ReadAhead | null> | null = null;
  while (Date.now() - started < RUN_SLICE_MS) {
    let outcome: Awaited<ReturnType<typeof tick>>;
    try {
      outcome = await tick(
        services,
        campaignId,
        (row, numbers) => {
          const perSecond = combinedThroughput(numbers);
          if (!pace.pacer || pace.pacer.perSecond !== perSecond) pace.pacer = new Pacer(perSecond);
          const pacer = pace.pacer;
          const outstanding = Math.max(0, row.queued - row.sent - row.failed);
          const allowance = pacer.allowance(outstanding, row.sent + row.failed);
          const floor = Math.min(
            Math.max(1, Math.floor(perSecond * MIN_CHUNK_SHARE)),
            budget.remaining ?? Number.POSITIVE_INFINITY,
          );
          if (budget.remaining === 0) return { waitMs: 5_000, holding: "messaging_limit" };
          const size = Math.min(allowance, budget.remaining ?? Number.POSITIVE_INFINITY);
          if (size < floor) return { waitMs: pacer.waitFor(floor) };
          return size;
        },
        ahead,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === "insufficient_balance") {
        await holdForBalance(services, campaignId);
        return;
      }
      throw error;
    }
    if (outcome.kind === "stop") return;
    if (outcome.kind === "wait") {
      await sleep(Math.min(outcome.ms, 5_000));
    } else {
      ahead = outcome.ahead;
      pace.pacer?.spend(outcome.queued);
      if (budget.remaining) budget.remaining = Math.max(0, budget.remaining - outcome.queued);
    }
    if (Date.now() - budget.at > BUDGET_REFRESH_MS)
      budget = { remaining: await currentBudget(services, campaignId), at: Date.now() };
  }
  await startRunner({ boss: services.boss }, campaignId);
}

async function currentBudget(services: Services, campaignId: string): Promise<number | null> {
  const { db } = services.database;
  const [row] = await db
    .select({ tenantId: campaigns.tenantId, phoneNumberIds: campaigns.phoneNumberIds })
    .from(campaigns)
    .where(inArray(campaigns.id, [campaignId]));
  if (!row) return null;
  const numbers = [...(await numbersByIds(db, row.phoneNumberIds)).values()];
  // Unlimited: nothing to spend, so no count of the last 24 h of sends (a scan of the tenant's
  // messages every 10 s, growing with the campaign).
  if (!Number.isFinite(portfolioLimit(numbers))) return null;
  return (await messagingBudget(db, row.tenantId, numbers)).remaining;
}

/** Campaigns due (their time came, or running without a runner after a crash) get a runner. */
async function startDueRunners(services: Services): Promise<void> {
  const due = await services.database.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(inArray(campaigns.status, ["scheduled", "running"]), lte(campaigns.nextRunAt, new Date())));
  for (const { id } of due) await startRunner({ boss: services.boss }, id);
}

export const campaignJobs: JobDefinition[] = [
  defineJob(CAMPAIGN_RUN_QUEUE, {
    work: { batchSize: 1, localConcurrency: 4, pollingIntervalSeconds: 0.5 },
    handler: async ([job], services) => {
      if (job) await runCampaign(services, job.data.campaignId);
    },
  }),
  defineJob(CAMPAIGN_DUE_QUEUE, {
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 5 },
    schedule: "* * * * *",
    handler: async (_jobs, services) => {
      await startDueRunners(services);
      await foldAllCounters(services.database.db);
    },
  }),
];
