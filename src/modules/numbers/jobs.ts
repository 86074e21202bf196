import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { whatsappAccounts } from "./schema.ts";
import { refreshAccountNumbers } from "./service.ts";

export const NUMBERS_REFRESH_QUEUE = "numbers-refresh";

/**
 * Numbers' quality, limit tier and throughput re-read from Meta: for one account after Meta's
 * phone_number_quality_update webhook, for every account hourly.
 */
export const numberJobs: JobDefinition[] = [
  defineJob<{ accountId?: string }>({
    name: NUMBERS_REFRESH_QUEUE,
    queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 },
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
    schedule: "17 * * * *",
    handler: async ([job], services) => {
      if (!job) return;
      if (job.data.accountId) {
        await refreshAccountNumbers(services, job.data.accountId);
        return;
      }
      // The hourly run fans out: one job per account, so one account's failure retries alone.
      const accounts = await services.database.db.select({ id: whatsappAccounts.id }).from(whatsappAccounts);
      if (accounts.length)
        await services.boss.insert(
          NUMBERS_REFRESH_QUEUE,
          accounts.map((account) => ({ data: { accountId: account.id } })),
        );
    },
  }),
];
