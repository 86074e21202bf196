import { queue } from "../../jobs/queue.ts";

/**
 * The runner of one campaign. "stately": per campaign (singletonKey) at most one runs and one
 * waits, so a campaign never has two runners; a runner killed mid-run stops heartbeating and its
 * job is retried at once by another worker, which continues from the committed cursor.
 */
export const CAMPAIGN_RUN_QUEUE = queue<{ campaignId: string }>("campaigns-run", {
  policy: "stately",
  retryLimit: 1_000,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 30,
  expireInSeconds: 600,
  heartbeatSeconds: 10,
});

/** Every minute: campaigns whose time came (scheduled, recurring) or whose runner was lost get one. */
export const CAMPAIGN_DUE_QUEUE = queue<Record<string, never>>("campaigns-due", {
  policy: "short",
  retryLimit: 3,
  retryDelay: 10,
});
