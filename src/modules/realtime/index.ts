/** The realtime module's public surface: the Server-Sent Events stream fed by LISTEN/NOTIFY. */
import type { ModuleRecord } from "../../app/module.ts";
import { realtimeJobs } from "./jobs.ts";
import { realtimeRoutes } from "./routes.ts";
import { realtimeSubscriber } from "./subscriber.ts";

export { publishRealtime, type RealtimeEventInput } from "./service.ts";

export const realtimeModule: ModuleRecord = {
  name: "realtime",
  routes: realtimeRoutes,
  jobs: realtimeJobs,
  subscribers: [realtimeSubscriber],
};
