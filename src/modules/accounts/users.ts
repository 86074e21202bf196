import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "./schema.ts";

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
