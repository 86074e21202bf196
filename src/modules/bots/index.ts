/** The bots module's public surface: versioned flows, their triggers, the runtime on inbound messages, the simulator. */
import type { ModuleRecord } from "../../app/module.ts";
import { botJobs } from "./jobs.ts";
import { botsRoutes } from "./routes.ts";
import { botsSubscriber } from "./subscriber.ts";

export type { FlowDefinition, FlowTriggers } from "./definition.ts";
export { flowNames } from "./flows.ts";
export type { BotSessionChangedData } from "./runtime.ts";

export const botsModule: ModuleRecord = {
  name: "bots",
  routes: botsRoutes,
  jobs: botJobs,
  subscribers: [botsSubscriber],
};
