import { and, desc, eq, inArray, max } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { conflict, notFound, unprocessable } from "../../lib/problem.ts";
import { type Actor, actorLabel } from "../accounts/index.ts";
import { emptyTriggers, type FlowDefinition, type FlowTriggers } from "./definition.ts";
import { botFlows, botFlowVersions } from "./schema.ts";
import { validateFlow } from "./validate.ts";

export type BotFlow = typeof botFlows.$inferSelect;

/** A new flow's draft: a greeting that ends, so a flow is valid from its first save. */
const starter: FlowDefinition = {
  start: "welcome",
  nodes: [{ id: "welcome", type: "end", message: "¡Hola! 👋" }],
  edges: [],
};

export interface FlowInput {
  name?: string | undefined;
  phoneNumberId?: string | null | undefined;
  isDefault?: boolean | undefined;
  triggers?: FlowTriggers | undefined;
  definition?: FlowDefinition | undefined;
}

const defaultTaken = (error: unknown) => {
  if (isUniqueViolation(error))
    throw conflict("default_bot_exists", "The number already has a default bot; unset it there first");
  throw error;
};

export async function createFlow(db: Executor, tenantId: string, input: FlowInput & { name: string }) {
  const [flow] = await db
    .insert(botFlows)
    .values({
      tenantId,
      name: input.name,
      phoneNumberId: input.phoneNumberId ?? null,
      isDefault: input.isDefault ?? false,
      triggers: input.triggers ?? emptyTriggers,
      draft: input.definition ?? starter,
    })
    .returning()
    .catch(defaultTaken);
  return flow!;
}

export async function getFlow(db: Executor, tenantId: string, id: string): Promise<BotFlow> {
  const [flow] = await db
    .select()
    .from(botFlows)
    .where(and(eq(botFlows.tenantId, tenantId), eq(botFlows.id, id)));
  if (!flow) throw notFound("Bot flow", "bot_flow_not_found");
  return flow;
}

export const listFlows = (db: Executor, tenantId: string) =>
  db.select().from(botFlows).where(eq(botFlows.tenantId, tenantId)).orderBy(botFlows.createdAt);

/** Saves the draft (and settings); the running version does not change until a publish. */
export async function updateFlow(db: Executor, tenantId: string, id: string, input: FlowInput) {
  await getFlow(db, tenantId, id);
  const [flow] = await db
    .update(botFlows)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phoneNumberId !== undefined ? { phoneNumberId: input.phoneNumberId } : {}),
      ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
      ...(input.triggers ? { triggers: input.triggers } : {}),
      ...(input.definition ? { draft: input.definition } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(botFlows.tenantId, tenantId), eq(botFlows.id, id)))
    .returning()
    .catch(defaultTaken);
  return flow!;
}

/** Publishes the draft as the next version, refused with every problem when the graph cannot run. */
export async function publishFlow(db: Executor, tenantId: string, id: string, actor: Actor) {
  const flow = await getFlow(db, tenantId, id);
  const problems = validateFlow(flow.draft);
  if (problems.length)
    throw unprocessable("bot_flow_invalid", `The flow has ${problems.length} problem(s)`, { problems });
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ version: max(botFlowVersions.version) })
      .from(botFlowVersions)
      .where(eq(botFlowVersions.flowId, id));
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(botFlowVersions)
      .values({ flowId: id, version, definition: flow.draft, publishedBy: actorLabel(actor) })
      .returning();
    await tx
      .update(botFlows)
      .set({ publishedVersion: version, updatedAt: new Date() })
      .where(eq(botFlows.id, id));
    return row!;
  });
}

export async function listVersions(db: Executor, tenantId: string, id: string) {
  await getFlow(db, tenantId, id);
  return db
    .select()
    .from(botFlowVersions)
    .where(eq(botFlowVersions.flowId, id))
    .orderBy(desc(botFlowVersions.version));
}

/** Runs an earlier version again (and puts it in the draft); versions themselves never change. */
export async function rollbackFlow(db: Executor, tenantId: string, id: string, version: number) {
  await getFlow(db, tenantId, id);
  const [row] = await db
    .select()
    .from(botFlowVersions)
    .where(and(eq(botFlowVersions.flowId, id), eq(botFlowVersions.version, version)));
  if (!row) throw notFound("Bot flow version", "bot_flow_version_not_found");
  const [flow] = await db
    .update(botFlows)
    .set({ publishedVersion: version, draft: row.definition, updatedAt: new Date() })
    .where(eq(botFlows.id, id))
    .returning();
  return flow!;
}

/** The definition a flow runs (its published version), or null when it is not published. */
export async function publishedDefinition(db: Executor, flow: BotFlow) {
  if (flow.publishedVersion === null) return null;
  const [row] = await db
    .select({ definition: botFlowVersions.definition })
    .from(botFlowVersions)
    .where(and(eq(botFlowVersions.flowId, flow.id), eq(botFlowVersions.version, flow.publishedVersion)));
  return row?.definition ?? null;
}

/** Names of a tenant's flows by id (for reports; another tenant's ids are absent). */
export async function flowNames(db: Executor, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: botFlows.id, name: botFlows.name })
    .from(botFlows)
    .where(and(eq(botFlows.tenantId, tenantId), inArray(botFlows.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}
