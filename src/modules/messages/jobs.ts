import { sql } from "drizzle-orm";
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

/** The shortest time a dispatch worker takes per batch (so at most about 13 batches a second for two workers). */
const DISPATCH_GATHER_MS = 150;

/** The messaging jobs (handlers imported statically: no module resolution per job). */
export const messagingJobs: JobDefinition[] = [
  defineJob(PARTITIONS_QUEUE, {
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
    schedule: "7 3 * * *",
    handler: async (_jobs, services) => {
      await ensureMessagePartitions(services.database.db);
      // PGlite has no autovacuum: its planner statistics are refreshed here (and by ingest as it grows).
      if (services.database.kind === "pglite") await services.database.db.execute(sql`analyze messages`);
    },
  }),
  // Before the dispatch queue: a queue's dead-letter queue must exist when it is created.
  defineJob(DISPATCH_DEAD_QUEUE, {
    work: { batchSize: 50, localConcurrency: 1, pollingIntervalSeconds: 5 },
    handler: (jobs, services) =>
      failExhaustedDispatch(
        services,
        jobs.flatMap((job) => job.data.messageIds),
      ),
  }),
  defineJob(DISPATCH_QUEUE, {
    // Each job carries the messages of one API commit batch; many jobs per fetch are sent together.
    // Woken by the accept's commit; the poll stays the backstop at the same cadence with NOTIFY
    // active (pg-boss's default there is 30 s, and a retried job, such as a dead worker's, is
    // announced by no NOTIFY). A full fetch means more is waiting: fetch again at once. A NOTIFY
    // wakes every worker of the queue, so two (not WORKER_CONCURRENCY): one sends while the other
    // takes what committed meanwhile, and a batch sends from its numbers side by side.
    work: {
      localConcurrency: 2,
      batchSize: 200,
      pollingIntervalSeconds: 0.5,
      notifyPollingIntervalSeconds: 0.5,
      burstWhenBatchFull: true,
    },
    handler: async (jobs, services) => {
      const started = Date.now();
      await dispatchMessages(
        services,
        jobs.flatMap((job) => job.data.messageIds),
      );
      // Under load the worker's next fetch takes what committed meanwhile: a dispatch batch costs
      // about ten statements whatever its size, and one per accept commit took CPU from the API.
      const rest = DISPATCH_GATHER_MS - (Date.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    },
  }),
  defineJob(INGEST_QUEUE, {
    // One per process: a job drains every stored webhook in batches; more would poll for nothing.
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 0.5 },
    // The receiver wakes ingest after storing webhooks; a wake-up it lost is made up here.
    schedule: "* * * * *",
    handler: (_jobs, services) => ingestPendingWebhooks(services),
  }),
  defineJob(MEDIA_QUEUE, {
    work: { batchSize: 5, localConcurrency: 2, pollingIntervalSeconds: 1 },
    handler: async (jobs, services) => {
      for (const job of jobs) await fetchInboundMedia(services, job.data.messageId, job.data.mediaId);
    },
  }),
];
