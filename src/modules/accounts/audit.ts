import { and, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditLog } from "./schema.ts";

/** Who did something: an API key, a user, the CLI or Charla itself. */
export type Actor =
  | { kind: "api_key"; id: string; tenantId: string }
  | { kind: "user"; id: string; tenantId: string }
  | { kind: "cli" }
  | { kind: "system" };

export function actorLabel(actor: Actor): string {
  return actor.kind === "api_key" || actor.kind === "user" ? `${actor.kind}:${actor.id}` : actor.kind;
}

export interface AuditEntry {
  tenantId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log; call it inside the transaction that made the change. */
export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    tenantId: entry.tenantId,
    actor: actorLabel(actor),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    data: entry.data,
  });
}

export async function listAudit(
  db: Executor,
  tenantId: string,
  options: { limit: number; before?: Date; action?: string },
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        options.before ? lt(auditLog.at, options.before) : undefined,
        options.action ? eq(auditLog.action, options.action) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.limit);
}
