import type { EventSubscriber } from "../../events/index.ts";
import { defineJob, enqueueMany, type JobDefinition } from "../../jobs/queue.ts";
import { accountIds } from "./lookups.ts";
import { NUMBERS_REFRESH_QUEUE } from "./queues.ts";
import { refreshAccountNumbers, requestNumbersRefresh } from "./service.ts";

/** Meta decided on a display name or the account's review: its numbers are re-read (name_status, status). */
export const refreshOnMetaUpdates: EventSubscriber = {
  name: "numbers.refresh-on-meta-updates",
  async handle(context, events) {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.type !== "whatsapp_account.meta_update") continue;
      if (event.data.field === "phone_number_name_update" || event.data.field === "account_review_update") {
        ids.add(event.data.accountId);
      }
    }
    await requestNumbersRefresh(context, [...ids]);
  },
};

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
