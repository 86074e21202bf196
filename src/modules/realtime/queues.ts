import { queue } from "../../jobs/queue.ts";

/** Hourly: drops realtime events past their retention. */
export const REALTIME_PRUNE_QUEUE = queue<Record<string, never>>("realtime-prune", { retryLimit: 1 });
