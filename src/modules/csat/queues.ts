import { queue } from "../../jobs/queue.ts";

/** Sends one survey's question (after the resolving transaction commits). */
export const CSAT_SEND_QUEUE = queue<{ surveyId: string }>("csat-send", { retryLimit: 3, retryDelay: 10 });
