import type { EventSubscriber } from "../../events/index.ts";
import { defineJob, enqueue, type JobDefinition } from "../../jobs/queue.ts";
import { syncTemplates } from "./meta.ts";
import { TEMPLATE_SYNC_QUEUE } from "./queues.ts";

/** Status sync with Meta: scheduled for every account (cron), or one account after an unplaced webhook. */
export const templateJobs: JobDefinition[] = [
  defineJob(TEMPLATE_SYNC_QUEUE, {
    // Rare and not urgent: one worker, so an idle queue costs one poll per interval.
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
    handler: async ([job], services) => {
      if (job) await syncTemplates(services, { accountId: job.data.accountId }, { kind: "system" });
    },
  }),
];

/** A newly connected account: the templates the business already has at Meta are imported by a sync. */
export const importTemplatesOnConnect: EventSubscriber = {
  name: "templates.import-on-connect",
  async handle(context, events) {
    for (const event of events)
      if (event.type === "whatsapp_account.connected")
        await enqueue(context, TEMPLATE_SYNC_QUEUE, { accountId: event.data.accountId });
  },
};
