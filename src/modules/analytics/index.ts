/**
 * The analytics module's public surface: rollups kept by subscribers to domain events, and the
 * reports, live dashboard, recommendations, CSV and Prometheus exports read from them.
 */
import type { ModuleRecord } from "../../app/module.ts";
import { analyticsSubscriber } from "./rollup.ts";
import { analyticsRoutes } from "./routes.ts";

export { messageRollupSql } from "./write.ts";

export const analyticsModule: ModuleRecord = {
  name: "analytics",
  routes: analyticsRoutes,
  subscribers: [analyticsSubscriber],
};
