import type { EventSubscriber } from "../events/bus.ts";
import type { ModuleRoutes } from "../http/context.ts";
import type { JobDefinition } from "../jobs/queue.ts";

/**
 * What a module contributes to the process, exported by its `index.ts` and collected by
 * `src/modules/index.ts`: HTTP routes, background jobs and domain event subscribers.
 */
export interface ModuleRecord {
  name: string;
  /** Mounted under /v1 behind API-key auth. */
  routes?: ModuleRoutes;
  /** Mounted at the root; they authenticate themselves (Meta's signed webhooks). */
  publicRoutes?: ModuleRoutes;
  jobs?: JobDefinition[];
  subscribers?: EventSubscriber[];
}
