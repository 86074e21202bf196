import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { TxContext } from "../../jobs/queue.ts";
import { getContact } from "../contacts/index.ts";
import { assignedLoad } from "./agents.ts";
import { writeAssignment } from "./assignment.ts";
import { withinBusinessHours } from "./business-hours.ts";
import {
  agentStates,
  assignmentRules,
  type Conversation,
  conversations,
  teamMembers,
  teams,
} from "./schema.ts";

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

type Rule = typeof assignmentRules.$inferSelect;

// A batch of customer messages routes many conversations in one transaction: its rules are read once.
const rulesByTransaction = new WeakMap<object, Map<string, Promise<Rule[]>>>();

function tenantRules(context: TxContext, tenantId: string): Promise<Rule[]> {
  // A query builder runs again at every await: the promise of its one run is what is kept.
  const read = (): Promise<Rule[]> =>
    Promise.resolve(
      context.tx
        .select()
        .from(assignmentRules)
        .where(eq(assignmentRules.tenantId, tenantId))
        .orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt)),
    );
  // Only a transaction (it has rollback) is short-lived enough to remember rules for.
  if (typeof (context.tx as { rollback?: unknown }).rollback !== "function") return read();
  const byTenant = rulesByTransaction.get(context.tx) ?? new Map<string, Promise<Rule[]>>();
  rulesByTransaction.set(context.tx, byTenant);
  let rules = byTenant.get(tenantId);
  if (!rules) {
    rules = read();
    byTenant.set(tenantId, rules);
  }
  return rules;
}
type Contact = Awaited<ReturnType<typeof getContact>>;

/** Whether every condition a rule sets holds (number, contact tag, contact attribute, keywords of the message). */
export function ruleMatches(rule: Rule, conversation: Conversation, contact: Contact, text: string): boolean {
  if (rule.phoneNumberId && rule.phoneNumberId !== conversation.phoneNumberId) return false;
  if (rule.contactTag && !contact.tags.includes(rule.contactTag)) return false;
  if (
    rule.attributeKey &&
    String(contact.attributes[rule.attributeKey] ?? "") !== (rule.attributeValue ?? "")
  )
    return false;
  if (rule.keywords.length) {
    const words = new Set(fold(text).split(/[^\p{L}\p{N}]+/u));
    if (!rule.keywords.some((keyword) => words.has(fold(keyword)))) return false;
  }
  return true;
}

/**
 * Picks an agent of the team: online, with free capacity; round robin goes to the next member after
 * the last one picked, least busy to the one with fewest open conversations. The team row is locked
 * so concurrent picks take turns.
 */
async function pickAgent(context: TxContext, team: typeof teams.$inferSelect): Promise<string | null> {
  const { tx } = context;
  await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, team.id)).for("update");
  const members = await tx
    .select({ userId: teamMembers.userId, capacity: agentStates.capacity })
    .from(teamMembers)
    .innerJoin(agentStates, eq(agentStates.userId, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, team.id), eq(agentStates.availability, "online")))
    .orderBy(asc(teamMembers.userId));
  const load = await assignedLoad(
    tx,
    members.map((member) => member.userId),
  );
  const free = members.filter((member) => (load.get(member.userId) ?? 0) < member.capacity);
  if (free.length === 0) return null;
  let picked = free[0]!.userId;
  if (team.assignmentMode === "least_busy") {
    picked = [...free].sort((a, b) => (load.get(a.userId) ?? 0) - (load.get(b.userId) ?? 0))[0]!.userId;
  } else {
    const last = team.lastAssignedUserId;
    picked = (last ? free.find((member) => member.userId > last) : undefined)?.userId ?? picked;
  }
  await tx.update(teams).set({ lastAssignedUserId: picked }).where(eq(teams.id, team.id));
  return picked;
}

/**
 * Routes an open, unassigned conversation: its team (or the first matching rule's), then an agent
 * by the team's mode while the team is within business hours. Otherwise it waits in the team's queue.
 */
export async function autoAssign(
  context: TxContext,
  conversation: Conversation,
  text: string,
  now = new Date(),
) {
  if (conversation.assigneeId || conversation.status !== "open") return;
  let teamId = conversation.teamId;
  if (!teamId) {
    const rules = await tenantRules(context, conversation.tenantId);
    if (rules.length === 0) return;
    const contact = await getContact(context.tx, conversation.tenantId, conversation.contactId);
    teamId = rules.find((rule) => ruleMatches(rule, conversation, contact, text))?.teamId ?? null;
  }
  if (!teamId) return;
  const [team] = await context.tx.select().from(teams).where(eq(teams.id, teamId));
  if (!team) return;
  const open = team.assignmentMode !== "manual" && withinBusinessHours(team.businessHours, now);
  const agent = open ? await pickAgent(context, team) : null;
  if (!agent && conversation.teamId === teamId) return;
  await writeAssignment(
    context,
    conversation,
    { assigneeId: agent, teamId, note: null, how: "automatic" },
    { kind: "system" },
    isNull(conversations.assigneeId),
  );
}

/** Unassigned open conversations of teams, oldest first, to retry when agents come online (the minute job). */
export async function queuedConversations(context: TxContext, limit = 200) {
  return context.tx
    .select()
    .from(conversations)
    .where(
      and(
        isNull(conversations.assigneeId),
        eq(conversations.status, "open"),
        inArray(conversations.teamId, context.tx.select({ id: teams.id }).from(teams)),
      ),
    )
    .orderBy(asc(conversations.openedAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}
