import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { notFound, unprocessable } from "../../lib/problem.ts";
import { type Actor, actorLabel } from "../accounts/index.ts";
import { recordConversationChange } from "./changes.ts";
import type { ConversationStatusData } from "./events.ts";
import { type Conversation, type ConversationStatus, conversations } from "./schema.ts";

export interface StatusChange {
  to: ConversationStatus;
  snoozedUntil?: Date | undefined;
  reason: ConversationStatusData["reason"];
}

/** The columns a move to `to` sets besides the status (opening again starts the SLA clock over). */
function columnsFor(row: Conversation, change: StatusChange, now: Date) {
  const reopening = change.to === "open" && row.status === "resolved";
  return {
    status: change.to,
    snoozedUntil: change.to === "snoozed" ? (change.snoozedUntil ?? null) : null,
    resolvedAt: change.to === "resolved" ? now : reopening ? null : row.resolvedAt,
    ...(reopening
      ? { openedAt: now, escalatedAt: null, slaWarnings: [] as string[], firstResponseAt: null }
      : {}),
    updatedAt: now,
  };
}

/**
 * Moves a locked conversation row to another status, audited and emitted (realtime and customer
 * webhooks). Nothing happens when it is already there (a snooze only moves its time).
 */
export async function applyStatus(
  context: TxContext,
  row: Conversation,
  change: StatusChange,
  actor: Actor,
): Promise<Conversation> {
  if (row.status === change.to && change.to !== "snoozed") return row;
  const now = new Date();
  const [updated] = await context.tx
    .update(conversations)
    .set(columnsFor(row, change, now))
    .where(eq(conversations.id, row.id))
    .returning();
  if (!updated) throw notFound("Conversation", "conversation_not_found");
  const data: ConversationStatusData = {
    conversationId: row.id,
    from: row.status,
    to: change.to,
    snoozedUntil: updated.snoozedUntil?.toISOString() ?? null,
    reason: change.reason,
    by: actorLabel(actor),
  };
  await recordConversationChange(context, actor, row.tenantId, "conversation.status_changed", data);
  return updated;
}

/** Locks one of the tenant's conversations for a change; another tenant's is not found. */
export async function lockConversation(
  context: TxContext,
  tenantId: string,
  id: string,
): Promise<Conversation> {
  const [row] = await context.tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)))
    .for("update");
  if (!row) throw notFound("Conversation", "conversation_not_found");
  return row;
}

/** An agent or the API moves a conversation: open, pending (waiting on the customer), snoozed until a time, resolved. */
export async function changeStatus(
  services: Services,
  tenantId: string,
  id: string,
  change: { to: ConversationStatus; snoozedUntil?: Date | undefined },
  actor: Actor,
): Promise<Conversation> {
  if (change.to === "snoozed" && !(change.snoozedUntil && change.snoozedUntil.getTime() > Date.now())) {
    throw unprocessable("snooze_time_invalid", "Snoozing needs snoozedUntil, a time in the future");
  }
  return services.database.db.transaction(async (tx) => {
    const context = { boss: services.boss, tx };
    const row = await lockConversation(context, tenantId, id);
    return applyStatus(context, row, { ...change, reason: "agent" }, actor);
  });
}

/** Snoozed conversations whose time has come open again (the minute job). */
export async function wakeSnoozed(services: Services, now = new Date()): Promise<number> {
  return services.database.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.status, "snoozed"),
          sql`${conversations.snoozedUntil} <= ${now.toISOString()}::timestamptz`,
        ),
      )
      .for("update", { skipLocked: true })
      .limit(500);
    for (const row of due)
      await applyStatus(
        { boss: services.boss, tx },
        row,
        { to: "open", reason: "snooze_ended" },
        { kind: "system" },
      );
    return due.length;
  });
}
