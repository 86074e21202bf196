import type { ModuleRoutes } from "../http/context.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { accountsRoutes } from "./accounts/routes.ts";

/** Every module's routes, mounted under /v1. */
export const moduleRoutes: ModuleRoutes[] = [accountsRoutes];

/** Every module's background jobs. */
export const moduleJobs: JobDefinition[] = [];
