import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { CSAT_SEND_QUEUE } from "./queues.ts";
import { sendSurvey } from "./service.ts";

export const csatJobs: JobDefinition[] = [
  defineJob(CSAT_SEND_QUEUE, {
    handler: async (jobs, services) => {
      for (const job of jobs) await sendSurvey(services, job.data.surveyId);
    },
  }),
];
