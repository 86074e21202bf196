/**
 * The activation module's public surface: a tenant's onboarding request (company data, business
 * verification, partner request, policy review, display-name review, activation), its audited
 * state machine, the display-name pre-check and the platform's board.
 */
import type { ModuleRecord } from "../../app/module.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { activationAdminRoutes } from "./admin-routes.ts";
import { activationOnMetaUpdates } from "./meta-updates.ts";
import { activationRoutes } from "./routes.ts";

export { recordStageOutcome } from "./admin.ts";
export { checkDisplayName, type DisplayNameFinding } from "./display-name.ts";
export type { ActivationCompletedData, ActivationStageEventData } from "./types.ts";

const routes: ModuleRoutes = (app, services) => {
  activationRoutes(app, services);
  activationAdminRoutes(app, services);
};

export const activationModule: ModuleRecord = {
  name: "activation",
  routes,
  subscribers: [activationOnMetaUpdates],
};
