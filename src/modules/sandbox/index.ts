/** The sandbox module's public surface: the developer page's controls of the Cloud API emulator. */
import type { ModuleRecord } from "../../app/module.ts";
import { sandboxRoutes } from "./routes.ts";

export { injectSandboxInbound } from "./service.ts";

export const sandboxModule: ModuleRecord = { name: "sandbox", routes: sandboxRoutes };
