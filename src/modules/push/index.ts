/** The push module's public surface: Web Push (VAPID) notices to agents' browsers and phones. */
import type { ModuleRecord } from "../../app/module.ts";
import { pushJobs, pushSubscriber } from "./jobs.ts";
import { pushRoutes } from "./routes.ts";

export const pushModule: ModuleRecord = {
  name: "push",
  routes: pushRoutes,
  jobs: pushJobs,
  subscribers: [pushSubscriber],
};
