import { sql } from "drizzle-orm";
import { fromDrizzle, type PgBoss } from "pg-boss";
import type { Executor } from "../../db/client.ts";

/** One job per subscription: { subscriptionId }; its batch is the subscription's due deliveries. */
export const DELIVER_QUEUE = "webhooks.deliver";

export interface DeliverJob {
  subscriptionId: string;
}

/**
 * Makes sure a deliver job for the subscription runs now: creates it, or pulls a queued one
 * (waiting for a retry) forward. The queue is "stately" keyed by subscription: at most one job
 * queued and one active per subscription, so a batch is never processed twice at once.
 * With `tx` the job commits (or not) with the caller's transaction.
 */
export async function wakeSubscription(boss: PgBoss, subscriptionId: string, tx?: Executor): Promise<void> {
  await boss.upsert(DELIVER_QUEUE, { subscriptionId } satisfies DeliverJob, {
    singletonKey: subscriptionId,
    startAfter: new Date(),
    ...(tx ? { db: fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql) } : {}),
  });
}

/** Schedules the subscription's next run at `at` unless a job is already queued (that one runs sooner). */
export async function scheduleSubscription(boss: PgBoss, subscriptionId: string, at: Date): Promise<void> {
  await boss.send(DELIVER_QUEUE, { subscriptionId } satisfies DeliverJob, {
    singletonKey: subscriptionId,
    startAfter: at,
  });
}
