import { queue } from "../../jobs/queue.ts";
import type { PushNotice } from "./notices.ts";

/** One Web Push notice to a user's browsers. */
export const PUSH_QUEUE = queue<PushNotice>("push-notify", {
  retryLimit: 3,
  retryDelay: 10,
  retryBackoff: true,
});
