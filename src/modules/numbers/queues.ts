import { queue } from "../../jobs/queue.ts";

/** Numbers' quality, limit tier and throughput re-read from Meta: one account, or (no id) every account. */
export const NUMBERS_REFRESH_QUEUE = queue<{ accountId?: string }>("numbers-refresh", {
  retryLimit: 5,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 900,
});
