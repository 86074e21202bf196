/** The platform's side: recording Meta's and the platform's outcomes, notes, and the board of every tenant. */
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { notFound } from "../../lib/problem.ts";
import { type Actor, actorLabel, recordAudit, tenantSummaries } from "../accounts/index.ts";
import { type ActivationStageKey, activationRequests, activationStages, type StageStatus } from "./schema.ts";
import { STAGES } from "./stages.ts";
import { transitionStage } from "./transitions.ts";

type Ctx = Pick<Services, "database" | "boss">;

async function requestById(db: Executor, requestId: string) {
  const [row] = await db.select().from(activationRequests).where(eq(activationRequests.id, requestId));
  if (!row) throw notFound("Activation request", "activation_not_found");
  return row;
}

/** Moves a stage as the platform (or Meta's answer, recorded by the platform or its webhooks). */
export async function recordStageOutcome(
  services: Ctx,
  requestId: string,
  stage: ActivationStageKey,
  input: { to: StageStatus; reasons?: string[] | undefined; note?: string | undefined },
  actor: Actor,
) {
  return services.database.db.transaction(async (tx) => {
    const request = await requestById(tx, requestId);
    return transitionStage({ boss: services.boss, tx }, request, stage, input, actor);
  });
}

/** A note on a stage, by the tenant or the platform; audited. */
export async function addStageNote(
  db: Executor,
  filter: { tenantId?: string; requestId?: string },
  stage: ActivationStageKey,
  text: string,
  actor: Actor,
) {
  const [request] = await db
    .select()
    .from(activationRequests)
    .where(
      filter.requestId
        ? eq(activationRequests.id, filter.requestId)
        : eq(activationRequests.tenantId, filter.tenantId ?? ""),
    );
  if (!request) throw notFound("Activation request", "activation_not_found");
  const note = { at: new Date().toISOString(), by: actorLabel(actor), text };
  const [row] = await db
    .update(activationStages)
    .set({ notes: sql`${activationStages.notes} || ${JSON.stringify([note])}::jsonb`, updatedAt: new Date() })
    .where(and(eq(activationStages.requestId, request.id), eq(activationStages.stage, stage)))
    .returning();
  await recordAudit(db, actor, {
    tenantId: request.tenantId,
    action: "activation.note_added",
    targetType: "activation_request",
    targetId: request.id,
    data: { stage, text },
  });
  return row;
}

export interface BoardFilter {
  stage?: ActivationStageKey | undefined;
  /** Who must act now on the current stage. */
  owner?: "tenant" | "platform" | "meta" | undefined;
  status?: "in_progress" | "activated" | undefined;
  breached?: boolean | undefined;
}

/** Every tenant's activation: current stage, its owner and status, SLA breaches. */
export async function activationBoard(db: Executor, filter: BoardFilter) {
  const requests = await db
    .select()
    .from(activationRequests)
    .where(
      and(
        filter.stage ? eq(activationRequests.currentStage, filter.stage) : undefined,
        filter.status ? eq(activationRequests.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(activationRequests.createdAt));
  if (requests.length === 0) return [];
  const stages = await db
    .select()
    .from(activationStages)
    .where(
      inArray(
        activationStages.requestId,
        requests.map((request) => request.id),
      ),
    )
    .orderBy(asc(activationStages.position));
  const names = await tenantSummaries(
    db,
    requests.map((request) => request.tenantId),
  );
  const now = Date.now();
  const rows = requests.map((request) => {
    const own = stages.filter((stage) => stage.requestId === request.id);
    const breaches = own
      .filter((stage) => stage.dueAt && stage.status !== "done" && stage.dueAt.getTime() < now)
      .map((stage) => ({
        stage: stage.stage,
        dueAt: stage.dueAt,
        overdueHours: Math.round((now - (stage.dueAt?.getTime() ?? now)) / 36e5),
      }));
    const current = own.find((stage) => stage.stage === request.currentStage);
    return {
      requestId: request.id,
      tenantId: request.tenantId,
      tenant: names.get(request.tenantId) ?? null,
      company: request.company.legalName ?? null,
      status: request.status,
      currentStage: request.currentStage,
      currentStatus: current?.status ?? null,
      owner: current?.owner ?? null,
      verificationStatus: request.verificationStatus,
      createdAt: request.createdAt,
      activatedAt: request.activatedAt,
      slaBreached: breaches.length > 0,
      breaches,
      stages: own.map((stage) => ({
        stage: stage.stage,
        status: stage.status,
        owner: stage.owner,
        startedAt: stage.startedAt,
        dueAt: stage.dueAt,
        completedAt: stage.completedAt,
      })),
    };
  });
  return rows.filter(
    (row) =>
      (filter.breached === undefined || row.slaBreached === filter.breached) &&
      (filter.owner === undefined || row.owner === filter.owner),
  );
}

/** Average hours per stage (done stages) and from request to activation, to compare with Meta's 2-7 days. */
export async function activationStats(db: Executor) {
  const perStage = await db
    .select({
      stage: activationStages.stage,
      done: sql<number>`count(*)::int`,
      averageHours: sql<number>`avg(extract(epoch from ${activationStages.completedAt} - ${activationStages.startedAt}) / 3600)::float8`,
    })
    .from(activationStages)
    .where(and(isNotNull(activationStages.completedAt), isNotNull(activationStages.startedAt)))
    .groupBy(activationStages.stage);
  const [total] = await db
    .select({
      activated: sql<number>`count(*)::int`,
      averageHours: sql<
        number | null
      >`avg(extract(epoch from ${activationRequests.activatedAt} - ${activationRequests.createdAt}) / 3600)::float8`,
    })
    .from(activationRequests)
    .where(isNotNull(activationRequests.activatedAt));
  const round = (hours: number | null) => (hours === null ? null : Math.round(Number(hours) * 100) / 100);
  return {
    stages: STAGES.map(({ key, slaHours }) => {
      const found = perStage.find((row) => row.stage === key);
      return {
        stage: key,
        slaHours,
        done: found?.done ?? 0,
        averageHours: round(found?.averageHours ?? null),
      };
    }),
    total: {
      activated: total?.activated ?? 0,
      averageHours: round(total?.averageHours ?? null),
      averageDays: total?.averageHours == null ? null : round(Number(total.averageHours) / 24),
    },
  };
}
