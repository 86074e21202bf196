import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { unprocessable } from "../../lib/problem.ts";
import { type BotMessage, flowDefinitionSchema } from "./definition.ts";
import { recordingEffects } from "./effects.ts";
import { advance, type Inbound, startState } from "./engine.ts";
import { getFlow } from "./flows.ts";
import { botFlows, botNodeVisits, botSessions } from "./schema.ts";
import { validateFlow } from "./validate.ts";

/**
 * Runs a flow's draft through the same engine the runtime uses, without WhatsApp: each customer
 * message in turn, the bot's replies after each, and where the session ended (HTTP steps call out for real).
 */
export async function simulateFlow(
  services: Services,
  tenantId: string,
  flowId: string,
  input: { messages: Inbound[]; attributes?: Record<string, string> | undefined },
) {
  const flow = await getFlow(services.database.db, tenantId, flowId);
  const definition = flowDefinitionSchema.parse(flow.draft);
  const problems = validateFlow(definition);
  if (problems.length)
    throw unprocessable("bot_flow_invalid", `The flow has ${problems.length} problem(s)`, { problems });
  const { effects, recorded } = recordingEffects(services, { tenantId });
  let state = startState(definition, { ...input.attributes });
  const turns: { message: Inbound | null; replies: BotMessage[] }[] = [];
  const run = async (message: Inbound | null) => {
    const before = recorded.sent.length;
    state = (await advance(definition, state, message, effects)).state;
    turns.push({ message, replies: recorded.sent.slice(before) });
  };
  // The first message triggers the flow; the rest answer it (a finished flow ignores them).
  const [first, ...rest] = input.messages;
  await run(first ?? null);
  for (const message of rest) if (state.status === "active") await run(message);
  return { turns, state, handover: recorded.handover, contactAttributes: recorded.contactAttributes };
}

/** Sessions, completions and handovers of a flow, and per node: entered, and sessions that stopped there. */
export async function flowAnalytics(db: Executor, tenantId: string, flowId: string) {
  await getFlow(db, tenantId, flowId);
  const [totals] = await db
    .select({
      sessions: sql<number>`count(*)::int`,
      active: sql<number>`count(*) filter (where ${botSessions.status} = 'active')::int`,
      paused: sql<number>`count(*) filter (where ${botSessions.status} = 'paused')::int`,
      completions: sql<number>`count(*) filter (where ${botSessions.status} = 'completed')::int`,
      handovers: sql<number>`count(*) filter (where ${botSessions.status} = 'handed_over')::int`,
      dropOffs: sql<number>`count(*) filter (where ${botSessions.status} in ('closed', 'stopped'))::int`,
    })
    .from(botSessions)
    .innerJoin(botFlows, eq(botFlows.id, botSessions.flowId))
    .where(and(eq(botFlows.tenantId, tenantId), eq(botSessions.flowId, flowId)));
  const visits = await db.select().from(botNodeVisits).where(eq(botNodeVisits.flowId, flowId));
  const drops = await db
    .select({ nodeId: sql<string>`${botSessions.state}->>'nodeId'`, count: sql<number>`count(*)::int` })
    .from(botSessions)
    .where(and(eq(botSessions.flowId, flowId), sql`${botSessions.status} in ('closed', 'stopped')`))
    .groupBy(sql`${botSessions.state}->>'nodeId'`);
  const dropped = new Map(drops.map((row) => [row.nodeId, row.count]));
  return {
    ...totals!,
    nodes: visits
      .map((row) => ({ nodeId: row.nodeId, entered: row.visits, droppedOff: dropped.get(row.nodeId) ?? 0 }))
      .sort((a, b) => b.entered - a.entered),
  };
}
