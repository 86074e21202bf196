import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { AppError, badRequest } from "../../http/problem.ts";
import { hashPassword, verifyPassword } from "../../lib/crypto.ts";
import { type Actor, recordAudit } from "./audit.ts";
import {
  clearLoginFailures,
  lockedForSeconds,
  recordLoginFailure,
  type ThrottleSettings,
  throttleKeys,
} from "./login-throttle.ts";
import { tenants, users } from "./schema.ts";
import type { Principal } from "./service.ts";
import { endOtherSessions, type SessionSettings, type StartedSession, startSession } from "./sessions.ts";

export interface LoginSettings {
  sessions: SessionSettings;
  throttle: ThrottleSettings;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

/** Thrown while an email or address is locked; carries the seconds for Retry-After. */
export function loginLocked(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    429,
    "login_locked",
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfter: retryAfterSeconds },
  );
}

const invalidCredentials = () => new AppError(401, "invalid_credentials", "The email or password is wrong");

// Unknown emails still cost one scrypt so the answer's timing does not tell which emails exist.
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hashPassword("charla decoy password");
  return decoyHash;
};

async function findLoginUser(db: Db, email: string) {
  const [row] = await db
    .select({ user: users, tenant: tenants })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row;
}

/** Checks email and password against the throttle, then starts a session. Every outcome is audited. */
export async function login(
  db: Db,
  input: { email: string; password: string },
  client: ClientInfo,
  settings: LoginSettings,
): Promise<StartedSession> {
  const keys = throttleKeys(input.email, client.ip, settings.throttle);
  const lockedFor = await lockedForSeconds(
    db,
    keys.map((entry) => entry.key),
  );
  if (lockedFor > 0) throw loginLocked(lockedFor);

  const row = await findLoginUser(db, input.email);
  const valid = row
    ? await verifyPassword(input.password, row.user.passwordHash)
    : await verifyPassword(input.password, await decoy()).then(() => false);
  const system: Actor = { kind: "system" };
  const tenantId = row?.tenant.id ?? null;
  const email = input.email.trim().toLowerCase();

  if (!valid || !row) {
    const locked = await recordLoginFailure(db, keys, settings.throttle);
    await recordAudit(db, system, {
      tenantId,
      action: "login.failed",
      targetType: row ? "user" : undefined,
      targetId: row?.user.id,
      data: { email, ip: client.ip },
    });
    if (locked.length > 0) {
      await recordAudit(db, system, {
        tenantId,
        action: "login.locked",
        targetType: row ? "user" : undefined,
        targetId: row?.user.id,
        data: { email, ip: client.ip, keys: locked.map((key) => key.split(":")[0]) },
      });
      throw loginLocked(settings.throttle.lockMs / 1000);
    }
    throw invalidCredentials();
  }
  // Checked after the password so a suspension does not tell a guesser the email exists.
  if (row.tenant.status !== "active") throw new AppError(403, "tenant_suspended", "This tenant is suspended");

  const { user, tenant } = row;
  await clearLoginFailures(db, keys[0]!.key);
  return db.transaction(async (tx) => {
    const started = await startSession(
      tx,
      { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: tenant.id },
      tenant,
      settings.sessions,
      client,
    );
    await recordAudit(
      tx,
      { kind: "user", id: user.id, tenantId: tenant.id },
      {
        tenantId: tenant.id,
        action: "login",
        targetType: "user",
        targetId: user.id,
        data: { ip: client.ip },
      },
    );
    return started;
  });
}

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  db: Db,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
  throttle: ThrottleSettings,
): Promise<{ endedSessions: number }> {
  const session = principal.session;
  if (!session) throw badRequest("session_required", "Sign in to the portal to change a password");
  // Guesses of the current password count like failed sign-ins, so a borrowed session cannot brute-force it.
  const keys = throttleKeys(session.user.email, client.ip, throttle);
  const lockedFor = await lockedForSeconds(
    db,
    keys.map((entry) => entry.key),
  );
  if (lockedFor > 0) throw loginLocked(lockedFor);
  const [user] = await db.select().from(users).where(eq(users.id, session.user.id));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordLoginFailure(db, keys, throttle);
    throw badRequest("invalid_credentials", "The current password is wrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const endedSessions = await endOtherSessions(tx, user.id, session.id);
    await recordAudit(tx, principal.actor, {
      tenantId: principal.tenant.id,
      action: "user.password_changed",
      targetType: "user",
      targetId: user.id,
      data: { endedSessions },
    });
    return { endedSessions };
  });
}
