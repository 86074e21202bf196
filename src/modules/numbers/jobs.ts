import { defineJob, enqueueMany, type JobDefinition } from "../../jobs/queue.ts";
import { NUMBERS_REFRESH_QUEUE } from "./queues.ts";
import { accountIds, refreshAccountNumbers } from "./service.ts";

/**
 * Numbers' quality, limit tier and throughput re-read from Meta: for one account after Meta's
 * phone_number_quality_update webhook, for every account hourly.
 */
export const numberJobs: JobDefinition[] = [
  defineJob(NUMBERS_REFRESH_QUEUE, {
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
    schedule: "17 * * * *",
    handler: async ([job], services) => {
      if (!job) return;
      if (job.data.accountId) {
        await refreshAccountNumbers(services, job.data.accountId);
        return;
      }
      // The hourly run fans out: one job per account, so one account's failure retries alone.
      const ids = await accountIds(services.database.db, {});
      await enqueueMany(
        services,
        NUMBERS_REFRESH_QUEUE,
        ids.map((accountId) => ({ accountId })),
      );
    },
  }),
];
