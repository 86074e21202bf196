import { queue } from "../../jobs/queue.ts";

/** Daily: the messages table's monthly partitions, created ahead. */
export const PARTITIONS_QUEUE = queue<Record<string, never>>("messages-partitions", {
  retryLimit: 5,
  retryDelay: 60,
  retryBackoff: true,
});

/** Dispatch jobs that used up their retries (pg-boss moves them here with their data). */
export const DISPATCH_DEAD_QUEUE = queue<{ messageIds: string[] }>("messages-dispatch-dead", {
  retryLimit: 10,
  retryDelay: 5,
  retryBackoff: true,
});

/** The messages of one API commit batch, to send to the Cloud API. */
export const DISPATCH_QUEUE = queue<{ messageIds: string[] }>("messages-dispatch", {
  // The accept's commit wakes the dispatchers (the NOTIFY is part of the job insert, delivered at
  // commit), so a message waits for no poll; the workers still poll as a backstop.
  notify: true,
  // Retries come quickly at first (a transient Meta error), then back off; a dispatch whose
  // outcome is unknown keeps retrying until the reconcile period lets it resend.
  retryLimit: 20,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 120,
  expireInSeconds: 600,
  // A worker killed mid-dispatch stops heartbeating: its job is retried (and reconciled) quickly.
  heartbeatSeconds: 10,
  deadLetter: DISPATCH_DEAD_QUEUE.name,
});

/**
 * Ingest of stored Meta webhooks. The `whatsapp_webhook_events` table is the queue; a job on this
 * queue only says "there are unprocessed rows". Policy "short": at most one job waits (webhooks
 * arriving meanwhile ride on it), any number run (each claims different rows with SKIP LOCKED), so
 * worker processes share the ingest. The name differs from the earlier per-event
 * "whatsapp-ingest" queue because a queue's policy is fixed when it is created.
 */
export const INGEST_QUEUE = queue<Record<string, never>>("whatsapp-ingest-pending", {
  policy: "short",
  // Workers are woken by NOTIFY as the receiver stores webhooks (at most every 50 ms), not at their next poll.
  notify: true,
  retryLimit: 10,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 60,
});

/** An inbound media message's file, fetched from the Cloud API. */
export const MEDIA_QUEUE = queue<{ messageId: string; mediaId: string }>("messages-fetch-media", {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
});
