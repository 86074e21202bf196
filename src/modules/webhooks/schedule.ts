import { enqueue, type JobTarget, queue, upsertJob } from "../../jobs/queue.ts";

/** One job per subscription: { subscriptionId }; its batch is the subscription's due deliveries. */
export const DELIVER_QUEUE = queue<DeliverJob>("webhooks.deliver", {
  policy: "stately",
  expireInSeconds: 300,
  retryLimit: 20,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 60,
});

export interface DeliverJob {
  subscriptionId: string;
}

/**
 * Makes sure a deliver job for the subscription runs now: creates it, or pulls a queued one
 * (waiting for a retry) forward. The queue is "stately" keyed by subscription: at most one job
 * queued and one active per subscription, so a batch is never processed twice at once.
 * With `target.tx` the job commits (or not) with the caller's transaction.
 */
export async function wakeSubscription(target: JobTarget, subscriptionId: string): Promise<void> {
  await upsertJob(
    target,
    DELIVER_QUEUE,
    { subscriptionId },
    { singletonKey: subscriptionId, startAfter: new Date() },
  );
}

/** Schedules the subscription's next run at `at` unless a job is already queued (that one runs sooner). */
export async function scheduleSubscription(
  target: JobTarget,
  subscriptionId: string,
  at: Date,
): Promise<void> {
  await enqueue(target, DELIVER_QUEUE, { subscriptionId }, { singletonKey: subscriptionId, startAfter: at });
}
