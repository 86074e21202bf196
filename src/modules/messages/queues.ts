/** The messaging queue names, apart from their handlers so senders import no job code. */
export const DISPATCH_QUEUE = "messages-dispatch";
/** Dispatch jobs that used up their retries (pg-boss moves them here with their data). */
export const DISPATCH_DEAD_QUEUE = "messages-dispatch-dead";
/**
 * Ingest of stored Meta webhooks. The `whatsapp_webhook_events` table is the queue; a job on this
 * queue only says "there are unprocessed rows". Policy "short": at most one job waits, any number
 * run (each claims different rows with SKIP LOCKED). The name differs from the earlier per-event
 * "whatsapp-ingest" queue because a queue's policy is fixed when it is created.
 */
export const INGEST_QUEUE = "whatsapp-ingest-pending";
export const MEDIA_QUEUE = "messages-fetch-media";
/** Daily: the messages table's monthly partitions, created ahead. */
export const PARTITIONS_QUEUE = "messages-partitions";
