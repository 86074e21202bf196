import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { hashPassword } from "../../lib/crypto.ts";
import { AppError } from "../../lib/problem.ts";
import { type Actor, recordAudit } from "./audit.ts";
import type { Role } from "./schema.ts";
import { users } from "./schema.ts";
import { createUser } from "./service.ts";

/** A tenant's users without their password hashes, oldest first. */
export async function listUsers(db: Executor, tenantId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.createdAt), asc(users.email));
}

type NewUser = { tenantId: string; email: string; name: string; role: Role; password: string };

async function tenantOfEmail(db: Executor, email: string): Promise<string | undefined> {
  const [owner] = await db
    .select({ tenantId: users.tenantId })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return owner?.tenantId;
}

/**
 * Creates a user of a tenant without telling the tenant which e-mails other tenants use. E-mails
 * are unique across Charla (they are logins), so an address taken by another tenant cannot be
 * created again; the answer is then the same as a creation (same shape, same cost), nothing is
 * created, and the platform's audit log (no tenant's) records why. A duplicate in the tenant's own
 * users is still a 409: the tenant knows its own users.
 */
export async function createUserWithoutDisclosure(db: Executor, input: NewUser, actor: Actor) {
  const owner = await tenantOfEmail(db, input.email);
  if (owner === undefined || owner === input.tenantId) {
    try {
      return await createUser(db, input, actor);
    } catch (error) {
      // Another tenant took the address between the check and the insert.
      const raced = error instanceof AppError && error.code === "user_exists";
      if (!raced || (await tenantOfEmail(db, input.email)) === input.tenantId) throw error;
    }
  }
  await hashPassword(input.password);
  await recordAudit(db, actor, {
    tenantId: null,
    action: "user.create_withheld",
    targetType: "tenant",
    targetId: input.tenantId,
    data: { reason: "email used by another tenant", role: input.role },
  });
  return { id: randomUUID(), email: input.email, name: input.name, role: input.role };
}
