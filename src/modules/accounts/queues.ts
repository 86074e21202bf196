import { queue } from "../../jobs/queue.ts";

/** Hourly sweep of ended sessions and spent sign-in throttle counts. */
export const ACCOUNTS_SWEEP_QUEUE = queue<object>("accounts-sweep", {
  retryLimit: 3,
  retryDelay: 60,
  expireInSeconds: 600,
});
