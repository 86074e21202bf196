/** The accounts module's public surface: tenants, users, API keys, roles and the audit log. */
import type { ModuleRecord } from "../../app/module.ts";
import { accountsRoutes } from "./routes.ts";

export { type Actor, actorLabel, recordAudit } from "./audit.ts";
export { type Role, roles } from "./schema.ts";
export { DEMO_EMAIL, DEMO_SLUG, type DemoCredentials, seedDemo } from "./seed.ts";
export {
  authenticateApiKey,
  createApiKey,
  createTenant,
  createUser,
  findTenantBySlug,
  type Principal,
  setUserPassword,
  type Tenant,
  tenantSummaries,
} from "./service.ts";

export const accountsModule: ModuleRecord = { name: "accounts", routes: accountsRoutes };
