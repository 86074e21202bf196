import { sql } from "drizzle-orm";
import {
  type DrizzleTransactionLike,
  fromDrizzle,
  type Job,
  PgBoss,
  type Queue,
  type UpdateQueueOptions,
  type WorkOptions,
} from "pg-boss";
import type { Database, Executor } from "../db/client.ts";
import type { Services } from "../http/context.ts";

/** A background job a module contributes: its queue, options and batch handler. */
export interface JobDefinition<T extends object = object> {
  name: string;
  queue?: Omit<Queue, "name">;
  work?: WorkOptions;
  /** A cron expression: the queue also gets a job on this schedule (a backstop or a periodic task). */
  schedule?: string;
  handler: (jobs: Job<T>[], services: Services) => Promise<unknown>;
}

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition {
  return definition as unknown as JobDefinition;
}

/** pg-boss on the same database Charla uses (PGlite through its adapter, or PostgreSQL). */
export function createBoss(database: Database, options: { superviseIntervalSeconds?: number } = {}): PgBoss {
  const every = options.superviseIntervalSeconds ?? 15;
  // Expiry and lost heartbeats are checked per queue once per monitor interval: keep both in step.
  // No LISTEN/NOTIFY: a NOTIFY per job wakes every worker of the queue, and the hot queues
  // (dispatch, ingest) get their throughput from the batches a polling interval collects.
  const common = { schema: "pgboss", superviseIntervalSeconds: every, monitorIntervalSeconds: every };
  return database.boss.backend === "pglite"
    ? new PgBoss({ ...common, db: database.boss.db, backend: "pglite" })
    : new PgBoss({ ...common, connectionString: database.boss.connectionString, max: 10 });
}

/** Creates every queue (idempotent); both API and worker processes call this so sends never miss a queue. */
export async function ensureQueues(boss: PgBoss, jobs: JobDefinition[]): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  for (const job of jobs) {
    // Existing queues get the current options too, so a deploy that changes retries takes effect.
    const options = job.queue ?? {};
    if (!existing.has(job.name)) await boss.createQueue(job.name, options);
    else {
      // Policy and partitioning are fixed when a queue is created; the rest can change.
      const { policy: _policy, partition: _partition, ...changeable } = options;
      await boss.updateQueue(job.name, changeable satisfies UpdateQueueOptions);
    }
    if (job.schedule) await boss.schedule(job.name, job.schedule, {});
  }
}

/** Where a failed job is reported: pg-boss only stores the error on the job row. */
export type JobFailureLog = (
  failure: { job: string; jobIds: string[]; err: unknown },
  message: string,
) => void;

/** Starts handlers for every job; returns when they are registered. A failure is logged, then rethrown for pg-boss's retry. */
export async function startWorkers(
  services: Services,
  jobs: JobDefinition[],
  concurrency: number,
  logFailure: JobFailureLog = () => {},
): Promise<void> {
  for (const job of jobs) {
    const options = { localConcurrency: concurrency, ...job.work };
    await services.boss.work(job.name, options, async (batch) => {
      try {
        return await job.handler(batch as Job<object>[], services);
      } catch (error) {
        logFailure(
          { job: job.name, jobIds: batch.map((entry) => entry.id), err: error },
          `job ${job.name} failed`,
        );
        throw error;
      }
    });
  }
}

/** pg-boss options that put a job in the caller's transaction: it exists only if the transaction commits. */
export function inTransaction(tx: Executor): { db: ReturnType<typeof fromDrizzle> } {
  return { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) };
}
