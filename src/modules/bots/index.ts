/** The bots module's public surface: versioned flows, their triggers, the runtime on inbound messages, the simulator. */
import type { ModuleRecord } from "../../app/module.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { botJobs } from "./jobs.ts";
import { knowledgeRoutes } from "./knowledge-routes.ts";
import { botsRoutes } from "./routes.ts";
import { botsSubscriber } from "./subscriber.ts";

export type { FlowDefinition, FlowTriggers } from "./definition.ts";
export { flowNames } from "./flows.ts";
export type { BotSessionChangedData } from "./runtime.ts";

const routes: ModuleRoutes = async (app, services) => {
  await botsRoutes(app, services);
  await knowledgeRoutes(app, services);
};

export const botsModule: ModuleRecord = {
  name: "bots",
  routes,
  jobs: botJobs,
  subscribers: [botsSubscriber],
};
