import { defineJob, type JobDefinition } from "../../jobs/queue.ts";

export const TEMPLATE_SYNC_QUEUE = "templates-sync";

/** Status sync with Meta: scheduled for every account (cron), or one account after an unplaced webhook. */
export const templateJobs: JobDefinition[] = [
  defineJob<{ accountId?: string }>({
    name: TEMPLATE_SYNC_QUEUE,
    queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 },
    // Rare and not urgent: one worker, so an idle queue costs one poll per interval.
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
    handler: async ([job], services) => {
      const { syncTemplates } = await import("./meta.ts");
      if (job) await syncTemplates(services, { accountId: job.data.accountId }, { kind: "system" });
    },
  }),
];
