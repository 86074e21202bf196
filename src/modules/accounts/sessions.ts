import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { preparedQuery } from "../../db/prepared.ts";
import { AppError } from "../../http/problem.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { userSessions } from "./auth-schema.ts";
import { tenants, users } from "./schema.ts";
import type { Principal, SessionUser, Tenant } from "./service.ts";

export interface SessionSettings {
  idleMs: number;
  maxAgeMs: number;
}

export function sessionSettings(config: { SESSION_IDLE_MINUTES: number; SESSION_MAX_HOURS: number }) {
  return { idleMs: config.SESSION_IDLE_MINUTES * 60_000, maxAgeMs: config.SESSION_MAX_HOURS * 3_600_000 };
}

/** What the portal gets on sign-in and from GET /v1/auth/session. */
export interface SessionBody {
  user: SessionUser;
  tenant: { id: string; slug: string; name: string };
  csrfToken: string;
}

export interface StartedSession {
  /** The cookie value; never stored. */
  token: string;
  expiresAt: Date;
  body: SessionBody;
}

export function sessionBody(user: SessionUser, tenant: Tenant, csrfToken: string): SessionBody {
  return { user, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, csrfToken };
}

/** Starts a session for a user whose credentials were just checked. */
export async function startSession(
  db: Executor,
  user: SessionUser,
  tenant: Tenant,
  settings: SessionSettings,
  client: { ip?: string; userAgent?: string },
): Promise<StartedSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + settings.maxAgeMs);
  // Sessions of this user that ran out are dropped here rather than by a sweeper.
  await db.delete(userSessions).where(and(eq(userSessions.userId, user.id), expiredSince(now, settings)));
  await db.insert(userSessions).values({
    tokenHash: sha256Hex(token),
    userId: user.id,
    tenantId: tenant.id,
    csrfToken,
    expiresAt,
    lastSeenAt: now,
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt, body: sessionBody(user, tenant, csrfToken) };
}

function expiredSince(now: Date, settings: SessionSettings) {
  return or(
    lt(userSessions.expiresAt, now),
    lt(userSessions.lastSeenAt, new Date(now.getTime() - settings.idleMs)),
  );
}

const sessionByTokenHash = preparedQuery("session_by_token_hash", (db, name) =>
  db
    .select({ session: userSessions, user: users, tenant: tenants })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(tenants, eq(tenants.id, userSessions.tenantId))
    .where(eq(userSessions.tokenHash, sql.placeholder("tokenHash")))
    .prepare(name),
);

/** Resolves a session cookie to its principal; null when unknown, idle too long or past its end. */
export async function authenticateSession(
  db: Db,
  token: string,
  settings: SessionSettings,
): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const [row] = await sessionByTokenHash(db).execute({ tokenHash: sha256Hex(token) });
  if (!row) return null;
  const now = Date.now();
  const { session, user, tenant } = row;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + settings.idleMs <= now) {
    await db.delete(userSessions).where(eq(userSessions.id, session.id));
    return null;
  }
  if (tenant.status !== "active") throw new AppError(403, "tenant_suspended", "This tenant is suspended");
  // Idle time is tracked at minute granularity so a request is not a write.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(userSessions.id, session.id));
  }
  const sessionUser: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    tenantId: user.tenantId,
  };
  return {
    tenant,
    role: user.role,
    actor: { kind: "user", id: user.id, tenantId: tenant.id },
    session: { id: session.id, csrfToken: session.csrfToken, user: sessionUser },
  };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Ends every session of a user except one (after a password change); returns how many ended. */
export async function endOtherSessions(db: Executor, userId: string, keepSessionId?: string) {
  const ended = await db
    .delete(userSessions)
    .where(
      and(eq(userSessions.userId, userId), keepSessionId ? ne(userSessions.id, keepSessionId) : undefined),
    )
    .returning({ id: userSessions.id });
  return ended.length;
}
