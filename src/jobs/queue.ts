import { sql } from "drizzle-orm";
import {
  type DrizzleTransactionLike,
  fromDrizzle,
  type Job,
  PgBoss,
  type Queue as QueueOptions,
  type SendOptions,
  type UpdateOptions,
  type UpdateQueueOptions,
  type WorkOptions,
} from "pg-boss";
import type { Services } from "../app/services.ts";
import type { Database, Executor } from "../db/client.ts";

/**
 * A named pg-boss queue whose jobs carry `T`. Declared once (a module's `queues.ts`) and used by
 * producers (`enqueue`) and the handler (`defineJob`), so the payload type is checked end to end.
 */
export interface Queue<T extends object> {
  readonly name: string;
  readonly options: Omit<QueueOptions, "name">;
  /** Never set: carries the payload type. */
  readonly payload?: T;
}

export function queue<T extends object>(name: string, options: Omit<QueueOptions, "name"> = {}): Queue<T> {
  return { name, options };
}

/** Where a job is written: the queue, and the caller's transaction when there is one (then it commits with it). */
export interface JobTarget {
  boss: PgBoss;
  tx?: Executor;
}

/** A transaction that can also write jobs and events: what `enqueue` and `emit` take inside a change. */
export interface TxContext {
  boss: PgBoss;
  tx: Executor;
}

function connection(target: JobTarget): { db?: ReturnType<typeof fromDrizzle> } {
  return target.tx ? { db: fromDrizzle(target.tx as unknown as DrizzleTransactionLike, sql) } : {};
}

/** Sends one job (in `target.tx` when given). */
export async function enqueue<T extends object>(
  target: JobTarget,
  queue: Queue<T>,
  data: T,
  options: Omit<SendOptions, "db"> = {},
): Promise<string | null> {
  return target.boss.send(queue.name, data, { ...options, ...connection(target) });
}

/** Sends many jobs in one statement. */
export async function enqueueMany<T extends object>(
  target: JobTarget,
  queue: Queue<T>,
  data: T[],
): Promise<void> {
  if (data.length)
    await target.boss.insert(
      queue.name,
      data.map((item) => ({ data: item })),
      connection(target),
    );
}

/** Creates the job keyed by `options.singletonKey`, or moves the queued one (stately queues). */
export async function upsertJob<T extends object>(
  target: JobTarget,
  queue: Queue<T>,
  data: T,
  options: Omit<UpdateOptions, "db"> & { singletonKey: string },
): Promise<void> {
  await target.boss.upsert(queue.name, data, { ...options, ...connection(target) });
}

/** Puts a job on the queue on a cron schedule (idempotent). */
export async function scheduleJob<T extends object>(
  boss: PgBoss,
  queue: Queue<T>,
  cron: string,
  data: T,
): Promise<void> {
  await boss.schedule(queue.name, cron, data);
}

/** A background job a module contributes: its queue, worker options and batch handler. */
export interface JobDefinition<T extends object = object> {
  queue: Queue<T>;
  work?: WorkOptions;
  /** A cron expression: the queue also gets a job on this schedule (a backstop or a periodic task). */
  schedule?: string;
  handler: (jobs: Job<T>[], services: Services) => Promise<unknown>;
}

/** The handler of a queue: it receives the jobs with the payload type the queue was declared with. */
export function defineJob<T extends object>(
  queue: Queue<T>,
  job: Omit<JobDefinition<T>, "queue">,
): JobDefinition {
  return { queue, ...job } as unknown as JobDefinition;
}

/** pg-boss on the same database Charla uses (PGlite through its adapter, or PostgreSQL). */
export function createBoss(database: Database, options: { superviseIntervalSeconds?: number } = {}): PgBoss {
  const every = options.superviseIntervalSeconds ?? 15;
  // Expiry and lost heartbeats are checked per queue once per monitor interval: keep both in step.
  // LISTEN/NOTIFY only for queues that opt in (`notify`): dispatch (one NOTIFY per accept commit,
  // so a send waits for no poll) and ingest (wake-ups throttled by the receiver). On PGlite the
  // listener is in-process: the same instance notifies and delivers.
  const common = { schema: "pgboss", superviseIntervalSeconds: every, monitorIntervalSeconds: every };
  return database.boss.backend === "pglite"
    ? new PgBoss({ ...common, db: database.boss.db, backend: "pglite", useListenNotify: true })
    : new PgBoss({
        ...common,
        connectionString: database.boss.connectionString,
        max: 10,
        useListenNotify: true,
      });
}

/** A queue's options with its retry delays held to `maxSeconds` (the back-off's cap, or the fixed delay). */
function capRetryDelay(
  options: Omit<QueueOptions, "name">,
  maxSeconds: number | undefined,
): Omit<QueueOptions, "name"> {
  if (maxSeconds === undefined) return options;
  const capped = { ...options };
  if (options.retryDelay !== undefined) capped.retryDelay = Math.min(options.retryDelay, maxSeconds);
  if (options.retryBackoff) capped.retryDelayMax = Math.min(options.retryDelayMax ?? maxSeconds, maxSeconds);
  return capped;
}

/**
 * Creates every queue (idempotent); both API and worker processes call this so sends never miss a
 * queue. `retryDelayMaxSeconds` caps every queue's retry delays (JOBS_RETRY_DELAY_MAX_SECONDS).
 */
export async function ensureQueues(
  boss: PgBoss,
  jobs: JobDefinition[],
  retryDelayMaxSeconds?: number,
): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  for (const { queue, schedule } of jobs) {
    const options = capRetryDelay(queue.options, retryDelayMaxSeconds);
    // Existing queues get the current options too, so a deploy that changes retries takes effect.
    if (!existing.has(queue.name)) await boss.createQueue(queue.name, options);
    else {
      // Policy and partitioning are fixed when a queue is created; the rest can change.
      const { policy: _policy, partition: _partition, ...changeable } = options;
      await boss.updateQueue(queue.name, changeable satisfies UpdateQueueOptions);
    }
    if (schedule) await boss.schedule(queue.name, schedule, {});
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
    await services.boss.work(job.queue.name, options, async (batch) => {
      try {
        return await job.handler(batch as Job<object>[], services);
      } catch (error) {
        logFailure(
          { job: job.queue.name, jobIds: batch.map((entry) => entry.id), err: error },
          `job ${job.queue.name} failed`,
        );
        throw error;
      }
    });
  }
}
