import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { conflict, unprocessable } from "../../lib/problem.ts";
import { type Actor, actorLabel, listUsers } from "../accounts/index.ts";
import { tenantUsers } from "./agents.ts";
import { recordConversationChange } from "./changes.ts";
import type { ConversationAssignedData } from "./events.ts";
import { lockConversation } from "./lifecycle.ts";
import { addNoteIn } from "./notes.ts";
import { type Conversation, conversations } from "./schema.ts";
import { getTeam } from "./teams.ts";

export interface AssignmentChange {
  /** The agent (null: unassign). Undefined: keep the agent (a transfer to a team only). */
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  note?: string | undefined;
  /**
   * The assignee the caller believes the conversation has: the change applies only if it still
   * has it (null: only if unassigned). Two agents taking the same conversation: one wins, the
   * other gets 409 naming who.
   */
  expectedAssigneeId?: string | null | undefined;
}

/** Writes an assignment with its audit entry and event; `where` makes it conditional. */
export async function writeAssignment(
  context: TxContext,
  row: Conversation,
  change: {
    assigneeId: string | null;
    teamId: string | null;
    note: string | null;
    how: "manual" | "automatic";
  },
  actor: Actor,
  where?: SQL,
): Promise<Conversation | null> {
  const [updated] = await context.tx
    .update(conversations)
    .set({
      assigneeId: change.assigneeId,
      teamId: change.teamId,
      assignedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(conversations.id, row.id), where))
    .returning();
  if (!updated) return null;
  const data: ConversationAssignedData = {
    conversationId: row.id,
    assigneeId: change.assigneeId,
    previousAssigneeId: row.assigneeId,
    teamId: change.teamId,
    how: change.how,
    note: change.note,
    by: actorLabel(actor),
  };
  await recordConversationChange(context, actor, row.tenantId, "conversation.assigned", data);
  return updated;
}

async function takenBy(services: Services, tenantId: string, assigneeId: string | null) {
  if (!assigneeId) return null;
  const user = (await listUsers(services.database.db, tenantId)).find(
    (candidate) => candidate.id === assigneeId,
  );
  return { id: assigneeId, name: user?.name ?? null, email: user?.email ?? null };
}

/**
 * Manual assignment: assign, unassign, take (assign to oneself while unassigned) and transfer to an
 * agent or a team with a note. The update is conditional on `expectedAssigneeId`, so of two agents
 * taking the same conversation one wins and the other gets 409 `conversation_assigned` naming who.
 */
export async function assignConversation(
  services: Services,
  tenantId: string,
  id: string,
  change: AssignmentChange,
  actor: Actor,
): Promise<Conversation> {
  const { db } = services.database;
  if (change.assigneeId) await tenantUsers(db, tenantId, [change.assigneeId]);
  if (change.teamId) await getTeam(db, tenantId, change.teamId);
  const result = await db.transaction(async (tx) => {
    const context = { boss: services.boss, tx };
    const row = await lockConversation(context, tenantId, id);
    const expected = change.expectedAssigneeId;
    if (expected !== undefined && row.assigneeId !== expected) return { lost: row };
    const updated = await writeAssignment(
      context,
      row,
      {
        assigneeId: change.assigneeId === undefined ? row.assigneeId : change.assigneeId,
        teamId: change.teamId === undefined ? row.teamId : change.teamId,
        note: change.note ?? null,
        how: "manual",
      },
      actor,
      expected === undefined
        ? undefined
        : expected === null
          ? isNull(conversations.assigneeId)
          : eq(conversations.assigneeId, expected),
    );
    if (!updated) return { lost: row };
    if (change.note) await addNoteIn(context, updated, change.note, actor, []);
    return { updated };
  });
  if ("updated" in result && result.updated) return result.updated;
  const current = (result as { lost: Conversation }).lost;
  const holder = await takenBy(services, tenantId, current.assigneeId);
  throw conflict(
    "conversation_assigned",
    holder
      ? `The conversation is assigned to ${holder.name ?? holder.email}`
      : "The conversation is not assigned any more",
    { assignee: holder },
  );
}

/** A signed-in agent takes an unassigned conversation. */
export async function takeConversation(services: Services, tenantId: string, id: string, actor: Actor) {
  if (actor.kind !== "user")
    throw unprocessable("user_required", "Only a signed-in user can take a conversation");
  return assignConversation(
    services,
    tenantId,
    id,
    { assigneeId: actor.id, expectedAssigneeId: null },
    actor,
  );
}

/** Conversations unassigned past their team's escalation time are escalated once (the minute job). */
export async function escalateUnassigned(services: Services, now = new Date()): Promise<number> {
  return services.database.db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      update conversations c set escalated_at = ${now.toISOString()}::timestamptz
      from teams t
      where c.team_id = t.id and t.escalate_after_minutes is not null and c.assignee_id is null
        and c.status = 'open' and c.escalated_at is null
        and greatest(c.opened_at, coalesce(c.assigned_at, c.opened_at))
          <= ${now.toISOString()}::timestamptz - make_interval(mins => t.escalate_after_minutes)
      returning c.id, c.tenant_id, c.team_id, greatest(c.opened_at, coalesce(c.assigned_at, c.opened_at))::text as since`);
    const list = (
      rows as unknown as { rows: { id: string; tenant_id: string; team_id: string; since: string }[] }
    ).rows;
    await emit(
      { boss: services.boss, tx },
      list.map((row) => ({
        type: "conversation.escalated" as const,
        tenantId: row.tenant_id,
        data: {
          conversationId: row.id,
          teamId: row.team_id,
          unassignedSince: new Date(row.since).toISOString(),
        },
      })),
    );
    return list.length;
  });
}
