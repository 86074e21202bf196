import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { randomToken } from "../../lib/crypto.ts";
import type { Actor } from "./audit.ts";
import { apiKeys, users } from "./schema.ts";
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
const DEMO_KEY_NAME = "demo key (issued at start)";

export interface DemoCredentials {
  tenant: Tenant;
  apiKey: string;
  email: string;
  password: string;
}

/**
 * Ensures the demo tenant and its admin user exist. Keys and passwords are stored only hashed,
 * so each start issues a fresh demo key and password (revoking the previous demo key) to print them.
 */
export async function seedDemo(db: Db): Promise<DemoCredentials> {
  const actor: Actor = { kind: "system" };
  const password = randomToken(12);
  return db.transaction(async (tx) => {
    let tenant = await findTenantBySlug(tx, DEMO_SLUG);
    if (!tenant) {
      tenant = await createTenant(tx as unknown as Db, { slug: DEMO_SLUG, name: "Demo Business" }, actor);
    }
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
    if (user) await setUserPassword(tx, DEMO_EMAIL, password);
    else
      await createUser(
        tx,
        { tenantId: tenant.id, email: DEMO_EMAIL, name: "Demo Admin", role: "tenant_admin", password },
        actor,
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
    return { tenant, apiKey: key, email: DEMO_EMAIL, password };
  });
}
