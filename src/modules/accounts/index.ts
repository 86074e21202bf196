/**
 * The accounts module's public surface: tenants, users, API keys, roles, the audit log, and the
 * portal's sign-in (sessions, login throttle, invitations).
 */
import type { ModuleRecord } from "../../app/module.ts";
import { accountJobs } from "./jobs.ts";
import { accountsModuleRoutes, accountsPublicRoutes } from "./module-routes.ts";

export { type Actor, actorLabel, recordAudit } from "./audit.ts";
export { authenticators } from "./authenticators.ts";
export { type Role, roles } from "./schema.ts";
export {
  DEMO_EMAIL,
  DEMO_SLUG,
  type DemoCredentials,
  PLATFORM_ADMIN_EMAIL,
  PLATFORM_SLUG,
  type PlatformAdminCredentials,
  seedDemo,
  seedPlatformAdmin,
} from "./seed.ts";
export {
  authenticateApiKey,
  createApiKey,
  createTenant,
  createUser,
  findTenantBySlug,
  type Principal,
  type SessionPrincipal,
  type SessionUser,
  setUserPassword,
  type Tenant,
  tenantSummaries,
} from "./service.ts";
export { listUsers } from "./users.ts";

export const accountsModule: ModuleRecord = {
  name: "accounts",
  routes: accountsModuleRoutes,
  publicRoutes: accountsPublicRoutes,
  jobs: accountJobs,
};
