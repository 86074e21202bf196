import { queue } from "../../jobs/queue.ts";

/** Status sync with Meta: every account (no id; scheduled), or one account. */
export const TEMPLATE_SYNC_QUEUE = queue<{ accountId?: string }>("templates-sync", {
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 900,
});
