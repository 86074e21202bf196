import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { REALTIME_PRUNE_QUEUE } from "./queues.ts";
import { pruneRealtime } from "./service.ts";

/** How long a disconnected client can still resume (REALTIME_RETENTION_HOURS, default 24). */
export function realtimeRetentionMs(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.REALTIME_RETENTION_HOURS ?? 24);
  return (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3_600_000;
}

export const realtimeJobs: JobDefinition[] = [
  defineJob(REALTIME_PRUNE_QUEUE, {
    schedule: "17 * * * *",
    handler: async (_jobs, services) =>
      pruneRealtime(services.database.db, new Date(Date.now() - realtimeRetentionMs())),
  }),
];
