import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { conflict, notFound, unprocessable } from "../../lib/problem.ts";
import { tenantUsers } from "./agents.ts";
import { isTimezone } from "./business-hours.ts";
import { assignmentRules, type BusinessHours, teamMembers, teams } from "./schema.ts";

export type TeamInput = Partial<
  Pick<
    typeof teams.$inferInsert,
    | "name"
    | "assignmentMode"
    | "escalateAfterMinutes"
    | "firstResponseMinutes"
    | "resolutionMinutes"
    | "warnAtPercent"
  >
> & { businessHours?: BusinessHours | null | undefined; memberIds?: string[] | undefined };

async function teamView(db: Executor, team: typeof teams.$inferSelect) {
  const members = await db.select().from(teamMembers).where(eq(teamMembers.teamId, team.id));
  const { tenantId: _tenant, lastAssignedUserId: _last, ...view } = team;
  return { ...view, memberIds: members.map((member) => member.userId).sort() };
}

export async function listTeams(db: Executor, tenantId: string) {
  const rows = await db.select().from(teams).where(eq(teams.tenantId, tenantId)).orderBy(asc(teams.name));
  return Promise.all(rows.map((row) => teamView(db, row)));
}

export async function getTeam(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)));
  if (!row) throw notFound("Team", "team_not_found");
  return row;
}

/** Creates a team (no id) or changes one; memberIds replaces its members. */
export async function saveTeam(db: Executor, tenantId: string, id: string | null, input: TeamInput) {
  if (input.businessHours && !isTimezone(input.businessHours.timezone))
    throw unprocessable("timezone_invalid", `Unknown timezone: ${input.businessHours.timezone}`);
  if (input.memberIds) await tenantUsers(db, tenantId, input.memberIds);
  const { memberIds, ...columns } = input;
  try {
    return await db.transaction(async (tx) => {
      let team: typeof teams.$inferSelect | undefined;
      if (id) {
        await getTeam(tx, tenantId, id);
        [team] = Object.keys(columns).length
          ? await tx.update(teams).set(columns).where(eq(teams.id, id)).returning()
          : await tx.select().from(teams).where(eq(teams.id, id));
      } else {
        if (!columns.name) throw unprocessable("team_name_required", "A new team needs a name");
        [team] = await tx
          .insert(teams)
          .values({ ...columns, name: columns.name, tenantId })
          .returning();
      }
      if (!team) throw new Error("team write returned no row");
      if (memberIds) {
        await tx.delete(teamMembers).where(eq(teamMembers.teamId, team.id));
        if (memberIds.length)
          await tx
            .insert(teamMembers)
            .values([...new Set(memberIds)].map((userId) => ({ teamId: team.id, userId, tenantId })));
      }
      return teamView(tx, team);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("team_exists", "The tenant already has a team with this name");
    throw error;
  }
}

export async function deleteTeam(db: Executor, tenantId: string, id: string) {
  await getTeam(db, tenantId, id);
  await db.delete(teams).where(eq(teams.id, id));
}

export type RuleInput = Omit<typeof assignmentRules.$inferInsert, "id" | "tenantId" | "createdAt">;

export async function listRules(db: Executor, tenantId: string) {
  return db
    .select()
    .from(assignmentRules)
    .where(eq(assignmentRules.tenantId, tenantId))
    .orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt));
}

export async function createRule(db: Executor, tenantId: string, input: RuleInput) {
  await getTeam(db, tenantId, input.teamId);
  const [rule] = await db
    .insert(assignmentRules)
    .values({ ...input, tenantId })
    .returning();
  return rule!;
}

export async function deleteRule(db: Executor, tenantId: string, id: string) {
  const deleted = await db
    .delete(assignmentRules)
    .where(and(eq(assignmentRules.tenantId, tenantId), eq(assignmentRules.id, id)))
    .returning({ id: assignmentRules.id });
  if (deleted.length === 0) throw notFound("Assignment rule", "rule_not_found");
}
