import type { ModuleRoutes } from "../../http/context.ts";
import { accountsRoutes } from "./routes.ts";
import { publicSessionRoutes, sessionRoutes } from "./session-routes.ts";
import { userRoutes } from "./user-routes.ts";

/** Under /v1: tenant, API keys, users and invitations, audit log, and the signed-in user's session. */
export const accountsModuleRoutes: ModuleRoutes = async (app, services) => {
  await accountsRoutes(app, services);
  await sessionRoutes(app, services);
  await userRoutes(app, services);
};

/** Outside the authenticated scope: sign-in and invitation acceptance. */
export const accountsPublicRoutes: ModuleRoutes = publicSessionRoutes;
