import { defineJob, type JobDefinition } from "../../jobs/queue.ts";

export const DISPATCH_QUEUE = "messages-dispatch";
export const INGEST_QUEUE = "whatsapp-ingest";
export const MEDIA_QUEUE = "messages-fetch-media";

/** The messaging jobs; handlers import lazily to keep the queue names free of import cycles. */
export const messagingJobs: JobDefinition[] = [
  defineJob<{ messageIds: string[] }>({
    name: DISPATCH_QUEUE,
    // Retries come quickly at first (a transient Meta error), then back off; a dispatch whose
    // outcome is unknown keeps retrying until the reconcile period lets it resend.
    queue: {
      retryLimit: 20,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 120,
      expireInSeconds: 600,
      // A worker killed mid-dispatch stops heartbeating: its job is retried (and reconciled) quickly.
      heartbeatSeconds: 10,
    },
    // One job per API request, many jobs per fetch: the dispatcher sends them together.
    work: { batchSize: 200, pollingIntervalSeconds: 0.5 },
    handler: async (jobs, services) => {
      const { dispatchMessages } = await import("./dispatch.ts");
      await dispatchMessages(
        services,
        jobs.flatMap((job) => job.data.messageIds),
      );
    },
  }),
  defineJob<{ eventId: number }>({
    name: INGEST_QUEUE,
    queue: { retryLimit: 10, retryDelay: 1, retryBackoff: true },
    // Many webhooks, one transaction: the batch is what keeps status ingest fast.
    work: { batchSize: 200, pollingIntervalSeconds: 0.5 },
    handler: async (jobs, services) => {
      const { ingestWebhookEvents } = await import("./ingest.ts");
      await ingestWebhookEvents(
        services,
        jobs.map((job) => job.data.eventId),
      );
    },
  }),
  defineJob<{ messageId: string; mediaId: string }>({
    name: MEDIA_QUEUE,
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
    work: { batchSize: 5, pollingIntervalSeconds: 1 },
    handler: async (jobs, services) => {
      const { fetchInboundMedia } = await import("./media.ts");
      for (const job of jobs) await fetchInboundMedia(services, job.data.messageId, job.data.mediaId);
    },
  }),
];
