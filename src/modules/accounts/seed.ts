import { and, eq, isNull } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { randomToken } from "../../lib/crypto.ts";
import type { Actor } from "./audit.ts";
import { apiKeys, type Role, users } from "./schema.ts";
import {
  createApiKey,
  createTenant,
  createUser,
  findTenantBySlug,
  setUserPassword,
  type Tenant,
} from "./service.ts";

export const DEMO_SLUG = "demo";
export const DEMO_EMAIL = "admin@demo.charla.local";
export const PLATFORM_SLUG = "platform";
export const PLATFORM_ADMIN_EMAIL = "admin@charla.local";
const DEMO_KEY_NAME = "demo key (issued at start)";

export interface DemoCredentials {
  tenant: Tenant;
  apiKey: string;
  email: string;
  password: string;
}

/**
 * Ensures a tenant and one user in it exist. A new user gets a fresh password, an existing one too
 * unless `keepPassword`; the password is returned to print it (null when kept).
 */
async function ensureSeededUser(
  tx: Executor,
  tenantInput: { slug: string; name: string },
  userInput: { email: string; name: string; role: Role },
  options: { keepPassword?: boolean } = {},
): Promise<{ tenant: Tenant; password: string | null }> {
  const actor: Actor = { kind: "system" };
  const password = randomToken(12);
  let tenant = await findTenantBySlug(tx, tenantInput.slug);
  if (!tenant) tenant = await createTenant(tx as unknown as Db, tenantInput, actor);
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, userInput.email));
  if (!user) {
    await createUser(tx, { tenantId: tenant.id, ...userInput, password }, actor);
    return { tenant, password };
  }
  if (options.keepPassword) return { tenant, password: null };
  await setUserPassword(tx, userInput.email, password);
  return { tenant, password };
}

/**
 * Ensures the demo tenant and its admin user exist. Keys and passwords are stored only hashed,
 * so each start issues a fresh demo key and password (revoking the previous demo key) to print them.
 */
export async function seedDemo(db: Db): Promise<DemoCredentials> {
  const actor: Actor = { kind: "system" };
  return db.transaction(async (tx) => {
    const { tenant, password } = await ensureSeededUser(
      tx,
      { slug: DEMO_SLUG, name: "Demo Business" },
      { email: DEMO_EMAIL, name: "Demo Admin", role: "tenant_admin" },
    );
    await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.name, DEMO_KEY_NAME), isNull(apiKeys.revokedAt)),
      );
    const { key } = await createApiKey(
      tx,
      { tenantId: tenant.id, name: DEMO_KEY_NAME, role: "tenant_admin" },
      actor,
    );
    return { tenant, apiKey: key, email: DEMO_EMAIL, password: password ?? "" };
  });
}

export interface PlatformAdminCredentials {
  tenant: Tenant;
  email: string;
  /** Null when the existing password was kept. */
  password: string | null;
}

/**
 * Ensures this installation's platform admin (tenant "platform"), who reviews templates and runs
 * tenants from the portal. Its password is new when the user is; at later starts it is renewed
 * only when asked (the demo setup), never on a production start.
 */
export async function seedPlatformAdmin(
  db: Db,
  options: { renewPassword: boolean },
): Promise<PlatformAdminCredentials> {
  return db.transaction(async (tx) => {
    const { tenant, password } = await ensureSeededUser(
      tx,
      { slug: PLATFORM_SLUG, name: "Charla platform" },
      { email: PLATFORM_ADMIN_EMAIL, name: "Platform Admin", role: "platform_admin" },
      { keepPassword: !options.renewPassword },
    );
    return { tenant, email: PLATFORM_ADMIN_EMAIL, password };
  });
}
