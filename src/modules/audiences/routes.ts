import type { ModuleRoutes } from "../../http/context.ts";
import { importRoutes } from "./import-routes.ts";
import { audienceRoutes } from "./segment-routes.ts";

export const audiencesRoutes: ModuleRoutes = async (app, services) => {
  await audienceRoutes(app, services);
  await importRoutes(app, services);
};
