/**
 * The analytics module's public surface: rollups kept by subscribers to domain events, and the
 * reports, live dashboard, recommendations, CSV and Prometheus exports read from them.
 */
import type { ModuleRecord } from "../../app/module.ts";
import { analyticsSubscriber } from "./rollup.ts";
import { analyticsRoutes } from "./routes.ts";

/** The dashboards' reads, for the bench (`bench/analytics.ts`) to time as the API runs them. */
export { breakdown } from "./breakdown.ts";
export { liveDashboard } from "./live.ts";
export { recommendations } from "./recommendations.ts";
export { messageSeries, messageTotals } from "./series.ts";
export { failureRollupSql, messageRollupSql } from "./write.ts";

export const analyticsModule: ModuleRecord = {
  name: "analytics",
  routes: analyticsRoutes,
  subscribers: [analyticsSubscriber],
};
