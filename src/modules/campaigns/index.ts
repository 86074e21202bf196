/**
 * The campaigns module's public surface: bulk and scheduled template sends to an audience, with
 * exclusions, pacing within Meta's limits, live counters and per-recipient results.
 */
import type { ModuleRecord } from "../../app/module.ts";
import { campaignJobs } from "./jobs.ts";
import { campaignClickRoutes, campaignsRoutes } from "./routes.ts";
import { campaignCounters } from "./subscriber.ts";

export { campaignIdsOfMessages, campaignNames } from "./lookups.ts";
export type { CampaignView } from "./service.ts";

export const campaignsModule: ModuleRecord = {
  name: "campaigns",
  routes: campaignsRoutes,
  publicRoutes: campaignClickRoutes,
  jobs: campaignJobs,
  subscribers: [campaignCounters],
};
