import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { hashPassword, randomToken, sha256Hex } from "../../lib/crypto.ts";
import { conflict, notFound } from "../../lib/problem.ts";
import { type Actor, actorLabel, recordAudit } from "./audit.ts";
import { userInvitations } from "./auth-schema.ts";
import type { ClientInfo } from "./login.ts";
import { type Role, tenants, users } from "./schema.ts";
import { type SessionSettings, type StartedSession, startSession } from "./sessions.ts";

export type Invitation = typeof userInvitations.$inferSelect;
export type PublicInvitation = Omit<Invitation, "tokenHash" | "tenantId">;

// Emails are unique across the installation (they are the sign-in name). A tenant admin learns only
// about its own users: an invitation to an address another tenant uses is created like any other,
// and only the invitee, who owns the address, is told at acceptance that it already has an account.
export const emailTaken = () =>
  conflict("user_exists", "This email address cannot be used for a new user; choose another one");

export function toPublicInvitation({ tokenHash: _hash, tenantId: _tenant, ...rest }: Invitation) {
  return rest;
}

/** Whether a user has this email: in one tenant when `tenantId` is given, else anywhere. */
async function emailInUse(db: Executor, email: string, tenantId?: string): Promise<boolean> {
  const sameEmail = eq(sql`lower(${users.email})`, email.toLowerCase());
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(tenantId ? and(sameEmail, eq(users.tenantId, tenantId)) : sameEmail);
  return Boolean(row);
}

const pending = (now: Date) =>
  and(
    isNull(userInvitations.acceptedAt),
    isNull(userInvitations.revokedAt),
    gt(userInvitations.expiresAt, now),
  );

/** Creates an invitation (replacing a pending one to the same email in this tenant); the token is returned once. */
export async function createInvitation(
  db: Db,
  tenantId: string,
  input: { email: string; name: string; role: Role },
  actor: Actor,
  ttlMs: number,
) {
  const email = input.email.trim();
  if (await emailInUse(db, email, tenantId)) throw emailTaken();
  const token = randomToken(32);
  const now = new Date();
  return db.transaction(async (tx) => {
    await tx
      .update(userInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(userInvitations.tenantId, tenantId),
          eq(sql`lower(${userInvitations.email})`, email.toLowerCase()),
          pending(now),
        ),
      );
    const [invitation] = await tx
      .insert(userInvitations)
      .values({
        tenantId,
        email,
        name: input.name,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedBy: actorLabel(actor),
        expiresAt: new Date(now.getTime() + ttlMs),
      })
      .returning();
    if (!invitation) throw new Error("insert returned no row");
    await recordAudit(tx, actor, {
      tenantId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email, role: input.role },
    });
    return {
      ...toPublicInvitation(invitation),
      token,
      acceptPath: `/accept-invitation?token=${encodeURIComponent(token)}`,
    };
  });
}

export async function listPendingInvitations(db: Executor, tenantId: string): Promise<PublicInvitation[]> {
  const rows = await db
    .select()
    .from(userInvitations)
    .where(and(eq(userInvitations.tenantId, tenantId), pending(new Date())))
    .orderBy(desc(userInvitations.createdAt));
  return rows.map(toPublicInvitation);
}

/** Revokes a pending invitation of this tenant; anything else (another tenant's id included) is 404. */
export async function revokeInvitation(db: Db, tenantId: string, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(userInvitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(userInvitations.id, id), eq(userInvitations.tenantId, tenantId), pending(new Date())))
      .returning({ id: userInvitations.id, email: userInvitations.email });
    if (!revoked) throw notFound("Invitation");
    await recordAudit(tx, actor, {
      tenantId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: id,
      data: { email: revoked.email },
    });
  });
}

async function pendingByToken(db: Executor, token: string, forUpdate = false) {
  if (!token || token.length > 200) return undefined;
  const query = db
    .select({ invitation: userInvitations, tenant: tenants })
    .from(userInvitations)
    .innerJoin(tenants, eq(tenants.id, userInvitations.tenantId))
    .where(and(eq(userInvitations.tokenHash, sha256Hex(token)), pending(new Date())));
  const [row] = forUpdate ? await query.for("update", { of: userInvitations }) : await query;
  return row;
}

/** What the accept page shows; 404 for unknown, used, revoked or expired tokens alike. */
export async function describeInvitation(db: Executor, token: string) {
  const row = await pendingByToken(db, token);
  if (!row) throw notFound("Invitation");
  const { email, name, role, expiresAt } = row.invitation;
  return { email, name, role, tenantName: row.tenant.name, expiresAt };
}

/** Accepting creates the user with the chosen password and signs them in, all or nothing. */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name?: string; password: string },
  client: ClientInfo,
  sessions: SessionSettings,
): Promise<StartedSession> {
  const passwordHash = await hashPassword(input.password);
  return db
    .transaction(async (tx) => {
      const row = await pendingByToken(tx, token, true);
      if (!row) throw notFound("Invitation");
      const { invitation, tenant } = row;
      if (tenant.status !== "active") throw notFound("Invitation");
      // Checked before the insert: on PostgreSQL a failed insert would abort the transaction.
      if (await emailInUse(tx, invitation.email)) throw emailTaken();
      const [user] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          email: invitation.email,
          name: input.name?.trim() || invitation.name,
          role: invitation.role,
          passwordHash,
        })
        .returning();
      if (!user) throw new Error("insert returned no row");
      const now = new Date();
      await tx
        .update(userInvitations)
        .set({ acceptedAt: now, acceptedUserId: user.id })
        .where(eq(userInvitations.id, invitation.id));
      const actor: Actor = { kind: "user", id: user.id, tenantId: tenant.id };
      await recordAudit(tx, actor, {
        tenantId: tenant.id,
        action: "invitation.accepted",
        targetType: "invitation",
        targetId: invitation.id,
        data: { email: user.email, role: user.role, userId: user.id },
      });
      await recordAudit(tx, actor, {
        tenantId: tenant.id,
        action: "login",
        targetType: "user",
        targetId: user.id,
        data: { ip: client.ip, via: "invitation" },
      });
      return startSession(
        tx,
        { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: tenant.id },
        tenant,
        sessions,
        client,
      );
    })
    .catch((error: unknown) => {
      // The same email accepted elsewhere at the same moment.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    });
}
