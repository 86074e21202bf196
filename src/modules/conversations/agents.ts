import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { unprocessable } from "../../lib/problem.ts";
import { listUsers } from "../accounts/index.ts";
import { type Availability, agentStates, conversations, teamMembers } from "./schema.ts";

/** Idle this long while online: the agent shows as away (AGENT_IDLE_MINUTES, default 10). */
export function idleMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.AGENT_IDLE_MINUTES ?? 10);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 10) * 60_000;
}

/** The tenant's users by id; throws 422 when one is not theirs. */
export async function tenantUsers(db: Executor, tenantId: string, ids: string[]) {
  const users = new Map((await listUsers(db, tenantId)).map((user) => [user.id, user]));
  const unknown = ids.filter((id) => !users.has(id));
  if (unknown.length)
    throw unprocessable("user_not_found", `Not users of this tenant: ${unknown.join(", ")}`);
  return users;
}

/** Open and pending conversations assigned to each user: what counts against capacity. */
export async function assignedLoad(db: Executor, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: conversations.assigneeId, count: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(inArray(conversations.assigneeId, userIds), inArray(conversations.status, ["open", "pending"])),
    )
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((row) => [row.userId!, row.count]));
}

/** Every agent of the tenant: availability, capacity, load and teams. */
export async function listAgents(db: Executor, tenantId: string) {
  const users = await listUsers(db, tenantId);
  const ids = users.map((user) => user.id);
  const states = ids.length
    ? await db.select().from(agentStates).where(inArray(agentStates.userId, ids))
    : [];
  const byUser = new Map(states.map((state) => [state.userId, state]));
  const load = await assignedLoad(db, ids);
  const memberships = ids.length
    ? await db.select().from(teamMembers).where(inArray(teamMembers.userId, ids))
    : [];
  return users.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    availability: byUser.get(user.id)?.availability ?? ("offline" as Availability),
    capacity: byUser.get(user.id)?.capacity ?? 10,
    lastActiveAt: byUser.get(user.id)?.lastActiveAt ?? null,
    openConversations: load.get(user.id) ?? 0,
    teamIds: memberships.filter((member) => member.userId === user.id).map((member) => member.teamId),
  }));
}

async function publishPresence(
  context: TxContext,
  tenantId: string,
  userId: string,
  availability: Availability,
) {
  await emit(context, { type: "agent.presence_changed", tenantId, data: { userId, availability } });
}

/**
 * Sets an agent's availability and/or capacity; `active` (a heartbeat) also records activity and
 * brings an away agent back online. Presence changes are emitted (realtime).
 */
export async function updateAgent(
  services: Services,
  tenantId: string,
  userId: string,
  change: { availability?: Availability | undefined; capacity?: number | undefined; active?: boolean },
) {
  await tenantUsers(services.database.db, tenantId, [userId]);
  return services.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(agentStates).where(eq(agentStates.userId, userId)).for("update");
    let availability = change.availability ?? before?.availability ?? "offline";
    if (change.active && !change.availability && availability === "away") availability = "online";
    const values = {
      availability,
      capacity: change.capacity ?? before?.capacity ?? 10,
      lastActiveAt: change.active || change.availability ? new Date() : (before?.lastActiveAt ?? new Date()),
    };
    const [state] = await tx
      .insert(agentStates)
      .values({ userId, tenantId, ...values })
      .onConflictDoUpdate({ target: agentStates.userId, set: values })
      .returning();
    if ((before?.availability ?? "offline") !== availability)
      await publishPresence({ boss: services.boss, tx }, tenantId, userId, availability);
    return state!;
  });
}

/** Online agents idle longer than AGENT_IDLE_MINUTES become away (the minute job). */
export async function markIdleAway(services: Services, now = new Date()): Promise<number> {
  return services.database.db.transaction(async (tx) => {
    const idle = await tx
      .update(agentStates)
      .set({ availability: "away" })
      .where(
        and(
          eq(agentStates.availability, "online"),
          lt(agentStates.lastActiveAt, new Date(now.getTime() - idleMs())),
        ),
      )
      .returning();
    for (const state of idle)
      await publishPresence({ boss: services.boss, tx }, state.tenantId, state.userId, "away");
    return idle.length;
  });
}
