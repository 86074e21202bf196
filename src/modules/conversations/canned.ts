import { and, asc, eq, ilike, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { conflict, notFound } from "../../lib/problem.ts";
import { cannedReplies } from "./schema.ts";

export async function listCannedReplies(db: Executor, tenantId: string, prefix?: string) {
  return db
    .select()
    .from(cannedReplies)
    .where(
      and(
        eq(cannedReplies.tenantId, tenantId),
        prefix ? ilike(cannedReplies.shortcut, `${prefix.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
      ),
    )
    .orderBy(asc(cannedReplies.shortcut));
}

export async function createCannedReply(
  db: Executor,
  tenantId: string,
  input: { shortcut: string; body: string },
) {
  try {
    const [reply] = await db
      .insert(cannedReplies)
      .values({ ...input, tenantId })
      .returning();
    return reply!;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("canned_reply_exists", `The shortcut /${input.shortcut} is taken`);
    throw error;
  }
}

export async function deleteCannedReply(db: Executor, tenantId: string, id: string) {
  const deleted = await db
    .delete(cannedReplies)
    .where(and(eq(cannedReplies.tenantId, tenantId), eq(cannedReplies.id, id)))
    .returning({ id: cannedReplies.id });
  if (!deleted.length) throw notFound("Canned reply", "canned_reply_not_found");
}

export async function cannedReplyByShortcut(db: Executor, tenantId: string, shortcut: string) {
  const [reply] = await db
    .select()
    .from(cannedReplies)
    .where(
      and(eq(cannedReplies.tenantId, tenantId), sql`lower(${cannedReplies.shortcut}) = lower(${shortcut})`),
    );
  if (!reply) throw notFound("Canned reply", "canned_reply_not_found");
  return reply;
}

/** Fills {{contact.name}}, {{contact.phone}}, {{contact.attributes.x}} and {{agent.name}}; unknown ones stay empty. */
export function fillVariables(body: string, values: Record<string, unknown>): string {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, path: string) => {
    const value = path
      .split(".")
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], values);
    return value === undefined || value === null ? "" : String(value);
  });
}
