import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { BOT_INBOUND_QUEUE, BOT_SEND_QUEUE, BOT_TIMEOUT_QUEUE } from "./queues.ts";
import { sendPacedReply } from "./replies.ts";
import { handleInbound } from "./runtime.ts";
import { handleTimeout } from "./timeouts.ts";

export const botJobs: JobDefinition[] = [
  defineJob(BOT_INBOUND_QUEUE, {
    handler: async (jobs, services) => {
      for (const job of jobs) await handleInbound(services, job.data);
    },
  }),
  defineJob(BOT_TIMEOUT_QUEUE, {
    handler: async (jobs, services) => {
      for (const job of jobs) await handleTimeout(services, job.data.sessionId, job.data.step);
    },
  }),
  defineJob(BOT_SEND_QUEUE, {
    handler: async (jobs, services) => {
      for (const job of jobs) await sendPacedReply(services, job.data);
    },
  }),
];
