import type { ModuleRoutes } from "../../http/context.ts";
import { audienceRoutes } from "./segment-routes.ts";

export const audiencesRoutes: ModuleRoutes = async (app, services) => {
  await audienceRoutes(app, services);
};
