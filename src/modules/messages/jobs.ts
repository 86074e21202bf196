import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { dispatchMessages } from "./dispatch.ts";
import { failExhaustedDispatch } from "./dispatch-dead.ts";
import { ingestPendingWebhooks } from "./ingest.ts";
import { fetchInboundMedia } from "./media.ts";
import { ensureMessagePartitions } from "./partitions.ts";
import {
  DISPATCH_DEAD_QUEUE,
  DISPATCH_QUEUE,
  INGEST_QUEUE,
  MEDIA_QUEUE,
  PARTITIONS_QUEUE,
} from "./queues.ts";

/** The messaging jobs (handlers imported statically: no module resolution per job). */
export const messagingJobs: JobDefinition[] = [
  defineJob<Record<string, never>>({
    name: PARTITIONS_QUEUE,
    queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
    schedule: "7 3 * * *",
    handler: (_jobs, services) => ensureMessagePartitions(services.database.db),
  }),
  // Before the dispatch queue: a queue's dead-letter queue must exist when it is created.
  defineJob<{ messageIds: string[] }>({
    name: DISPATCH_DEAD_QUEUE,
    queue: { retryLimit: 10, retryDelay: 5, retryBackoff: true },
    work: { batchSize: 50, localConcurrency: 1, pollingIntervalSeconds: 5 },
    handler: (jobs, services) =>
      failExhaustedDispatch(
        services,
        jobs.flatMap((job) => job.data.messageIds),
      ),
  }),
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
      deadLetter: DISPATCH_DEAD_QUEUE,
    },
    // Each job carries the messages of one API commit batch; many jobs per fetch are sent together.
    work: { batchSize: 200, pollingIntervalSeconds: 0.5 },
    handler: (jobs, services) =>
      dispatchMessages(
        services,
        jobs.flatMap((job) => job.data.messageIds),
      ),
  }),
  defineJob<Record<string, never>>({
    name: INGEST_QUEUE,
    // "short": one job waits at most (webhooks arriving meanwhile ride on it); several may run,
    // each claiming different stored webhooks (SKIP LOCKED), so worker processes share the ingest.
    queue: {
      policy: "short",
      retryLimit: 10,
      retryDelay: 1,
      retryBackoff: true,
      retryDelayMax: 60,
    },
    // One per process: a job drains every stored webhook in batches; more would poll for nothing.
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 0.5 },
    // The receiver wakes ingest after storing webhooks; a wake-up it lost is made up here.
    schedule: "* * * * *",
    handler: (_jobs, services) => ingestPendingWebhooks(services),
  }),
  defineJob<{ messageId: string; mediaId: string }>({
    name: MEDIA_QUEUE,
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
    work: { batchSize: 5, localConcurrency: 2, pollingIntervalSeconds: 1 },
    handler: async (jobs, services) => {
      for (const job of jobs) await fetchInboundMedia(services, job.data.messageId, job.data.mediaId);
    },
  }),
];
