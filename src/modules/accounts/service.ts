import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { sharedCache } from "../../db/cache.ts";
import type { Db, Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { preparedQuery } from "../../db/prepared.ts";
import { hashPassword, randomToken, safeEqual, sha256Hex } from "../../lib/crypto.ts";
import { AppError, conflict, notFound } from "../../lib/problem.ts";
import { type Actor, recordAudit } from "./audit.ts";
import { apiKeys, type Role, tenants, users } from "./schema.ts";

export type Tenant = typeof tenants.$inferSelect;
export type ApiKeyRecord = typeof apiKeys.$inferSelect;
export type PublicApiKey = Omit<ApiKeyRecord, "secretHash">;

const KEY_PATTERN = /^chk_([a-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;

export async function createTenant(
  db: Db,
  input: { slug: string; name: string },
  actor: Actor,
): Promise<Tenant> {
  try {
    return await db.transaction(async (tx) => {
      const [tenant] = await tx.insert(tenants).values(input).returning();
      if (!tenant) throw new Error("insert returned no row");
      await recordAudit(tx, actor, {
        tenantId: tenant.id,
        action: "tenant.created",
        targetType: "tenant",
        targetId: tenant.id,
        data: { slug: tenant.slug, name: tenant.name },
      });
      return tenant;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("tenant_exists", `A tenant with slug "${input.slug}" exists`);
    throw error;
  }
}

export async function findTenantBySlug(db: Executor, slug: string): Promise<Tenant | undefined> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return tenant;
}

export async function getTenant(db: Executor, id: string): Promise<Tenant> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, id));
  if (!tenant) throw notFound("Tenant");
  return tenant;
}

export function toPublicKey({ secretHash: _hidden, ...rest }: ApiKeyRecord): PublicApiKey {
  return rest;
}

/** Creates a key; the plaintext is returned once and only its hash is stored. */
export async function createApiKey(
  db: Executor,
  input: { tenantId: string; name: string; role: Role },
  actor: Actor,
): Promise<{ key: string; apiKey: PublicApiKey }> {
  const prefix = randomToken(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")
    .slice(0, 12);
  const secret = randomToken(24);
  const [apiKey] = await db
    .insert(apiKeys)
    .values({ ...input, prefix, secretHash: sha256Hex(secret) })
    .returning();
  if (!apiKey) throw new Error("insert returned no row");
  await recordAudit(db, actor, {
    tenantId: input.tenantId,
    action: "api_key.created",
    targetType: "api_key",
    targetId: apiKey.id,
    data: { name: input.name, role: input.role, prefix },
  });
  return { key: `chk_${prefix}_${secret}`, apiKey: toPublicKey(apiKey) };
}

export async function listApiKeys(db: Executor, tenantId: string): Promise<PublicApiKey[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(apiKeys.createdAt);
  return rows.map(toPublicKey);
}

export async function revokeApiKey(db: Executor, tenantId: string, id: string, actor: Actor): Promise<void> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!revoked) throw notFound("API key");
  await recordAudit(db, actor, { tenantId, action: "api_key.revoked", targetType: "api_key", targetId: id });
}

/** Who makes a request: an API key or a signed-in user, with the role that routes check. */
export interface Principal {
  tenant: Tenant;
  role: Role;
  actor: Actor;
  /** Present when the request was authenticated with an API key. */
  apiKey?: PublicApiKey;
  /** Present when the request was authenticated with a portal session cookie. */
  session?: SessionPrincipal;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
}

export interface SessionPrincipal {
  id: string;
  csrfToken: string;
  user: SessionUser;
}

const keyByPrefix = preparedQuery("api_key_by_prefix", (db, name) =>
  db
    .select({ apiKey: apiKeys, tenant: tenants })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.prefix, sql.placeholder("prefix")))
    .prepare(name),
);

type KeyRow = Awaited<ReturnType<ReturnType<typeof keyByPrefix>["execute"]>>[number];
/** Keys by prefix: a revocation or a tenant's suspension reaches every process by NOTIFY (src/db/cache.ts). */
const keyCache = sharedCache<KeyRow | undefined>({ ttlMs: 60_000 });

/** Resolves a presented key to its tenant; null for anything unknown, revoked or malformed. */
export async function authenticateApiKey(db: Db, presented: string): Promise<Principal | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const [, prefix, secret] = match as unknown as [string, string, string];
  const row = await keyCache.get(
    db,
    prefix,
    async () => (await keyByPrefix(db).execute({ prefix }))[0],
    (found) => [`api_keys:${prefix}`, ...(found ? [`tenants:${found.tenant.id}`] : [])],
  );
  if (!row || row.apiKey.revokedAt || !safeEqual(row.apiKey.secretHash, sha256Hex(secret))) return null;
  if (row.tenant.status !== "active") throw new AppError(403, "tenant_suspended", "This tenant is suspended");
  // Track usage at minute granularity so authentication is not a write per request.
  const now = new Date();
  if (!row.apiKey.lastUsedAt || now.getTime() - row.apiKey.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.apiKey.id));
    row.apiKey.lastUsedAt = now;
  }
  return {
    tenant: row.tenant,
    role: row.apiKey.role,
    apiKey: toPublicKey(row.apiKey),
    actor: { kind: "api_key", id: row.apiKey.id, tenantId: row.tenant.id },
  };
}

export async function createUser(
  db: Executor,
  input: { tenantId: string; email: string; name: string; role: Role; password: string },
  actor: Actor,
) {
  try {
    const [user] = await db
      .insert(users)
      .values({ ...input, passwordHash: await hashPassword(input.password) })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (!user) throw new Error("insert returned no row");
    await recordAudit(db, actor, {
      tenantId: input.tenantId,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      data: { email: user.email, role: user.role },
    });
    return user;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("user_exists", "This email address cannot be used for a new user; choose another one");
    throw error;
  }
}

export async function setUserPassword(db: Executor, email: string, password: string): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.email, email))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Id, slug and name of the given tenants, by id (for lists that show whose a row is). */
export async function tenantSummaries(
  db: Executor,
  ids: string[],
): Promise<Map<string, { id: string; slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(inArray(tenants.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}
