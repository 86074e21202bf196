/** The csat module's public surface: satisfaction surveys when conversations are resolved. */
import type { ModuleRecord } from "../../app/module.ts";
import { csatJobs } from "./jobs.ts";
import { csatRoutes } from "./routes.ts";
import { csatSubscriber } from "./service.ts";

export { csatResults } from "./service.ts";

export const csatModule: ModuleRecord = {
  name: "csat",
  routes: csatRoutes,
  jobs: csatJobs,
  subscribers: [csatSubscriber],
};
