/** The transition engine: every stage move is checked, dated, audited, stored in the feed and emitted. */
import { and, eq } from "drizzle-orm";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { type Actor, actorLabel, recordAudit } from "../accounts/index.ts";
import {
  type ActivationStageKey,
  activationRequests,
  activationStages,
  activationTransitions,
  type StageStatus,
} from "./schema.ts";
import { assertTransition, nextAction, ownerOf, STAGES, stageDefinition } from "./stages.ts";

export type StageRow = typeof activationStages.$inferSelect;
export type RequestRow = typeof activationRequests.$inferSelect;

const HOUR = 3_600_000;

/** Meta's business verification status as the verification stage's status says it. */
const VERIFICATION_STATUS: Partial<Record<StageStatus, string>> = {
  action_required: "not_verified",
  in_review: "in_progress",
  rejected: "rejected",
  done: "verified",
};

export interface TransitionInput {
  to: StageStatus;
  reasons?: string[] | undefined;
  data?: Record<string, unknown> | undefined;
  note?: string | undefined;
}

/**
 * Moves one stage of a request. `done` opens the next stage (its SLA clock starts); the last one
 * done activates the request. Runs inside the caller's transaction.
 */
export async function transitionStage(
  context: TxContext,
  request: RequestRow,
  key: ActivationStageKey,
  input: TransitionInput,
  actor: Actor,
): Promise<StageRow> {
  const { tx } = context;
  const [stage] = await tx
    .select()
    .from(activationStages)
    .where(and(eq(activationStages.requestId, request.id), eq(activationStages.stage, key)))
    .for("update");
  if (!stage) throw new Error(`request ${request.id} has no stage ${key}`);
  assertTransition(key, stage.status, input.to);
  const now = new Date();
  const opening = stage.status === "pending";
  const notes = input.note
    ? [...stage.notes, { at: now.toISOString(), by: actorLabel(actor), text: input.note }]
    : stage.notes;
  const [updated] = await tx
    .update(activationStages)
    .set({
      status: input.to,
      owner: ownerOf(key, input.to),
      startedAt: opening ? now : stage.startedAt,
      dueAt: opening ? new Date(now.getTime() + stageDefinition(key).slaHours * HOUR) : stage.dueAt,
      completedAt: input.to === "done" ? now : null,
      reasons: input.to === "rejected" ? (input.reasons ?? []) : input.to === "done" ? [] : stage.reasons,
      data: input.data ? { ...stage.data, ...input.data } : stage.data,
      notes,
      updatedAt: now,
    })
    .where(eq(activationStages.id, stage.id))
    .returning();
  if (!updated) throw new Error("stage update returned no row");
  await recordMove(context, request, updated, stage.status, actor);
  if (key === "business_verification" && VERIFICATION_STATUS[input.to]) {
    await tx
      .update(activationRequests)
      .set({ verificationStatus: VERIFICATION_STATUS[input.to] as string })
      .where(eq(activationRequests.id, request.id));
  }
  if (input.to === "done") await openNext(context, request, key, actor, now);
  return updated;
}

/** The audit entry, the tenant's feed entry and the domain event of one move. */
async function recordMove(
  context: TxContext,
  request: RequestRow,
  stage: StageRow,
  from: StageStatus,
  actor: Actor,
): Promise<void> {
  const action = nextAction(stage.stage, stage.status);
  await context.tx.insert(activationTransitions).values({
    requestId: request.id,
    tenantId: request.tenantId,
    stage: stage.stage,
    fromStatus: from,
    toStatus: stage.status,
    actor: actorLabel(actor),
    messageKey: action.key,
    message: action.text,
    reasons: stage.reasons,
  });
  await recordAudit(context.tx, actor, {
    tenantId: request.tenantId,
    action: "activation.stage_updated",
    targetType: "activation_request",
    targetId: request.id,
    data: { stage: stage.stage, from, to: stage.status, reasons: stage.reasons },
  });
  await emit(context, {
    type: "activation.stage_updated",
    tenantId: request.tenantId,
    data: {
      requestId: request.id,
      stage: stage.stage,
      from,
      to: stage.status,
      owner: stage.owner,
      reasons: [...stage.reasons],
      dueAt: stage.dueAt?.toISOString() ?? null,
      nextAction: { key: action.key, text: action.text },
    },
  });
}

async function openNext(
  context: TxContext,
  request: RequestRow,
  key: ActivationStageKey,
  actor: Actor,
  now: Date,
): Promise<void> {
  const index = STAGES.findIndex((stage) => stage.key === key);
  const next = STAGES[index + 1];
  if (!next) {
    await context.tx
      .update(activationRequests)
      .set({ status: "activated", activatedAt: now })
      .where(eq(activationRequests.id, request.id));
    await emit(context, {
      type: "activation.completed",
      tenantId: request.tenantId,
      data: {
        requestId: request.id,
        activatedAt: now.toISOString(),
        totalHours: Math.round(((now.getTime() - request.createdAt.getTime()) / HOUR) * 10) / 10,
      },
    });
    return;
  }
  await context.tx
    .update(activationRequests)
    .set({ currentStage: next.key })
    .where(eq(activationRequests.id, request.id));
  await transitionStage(context, request, next.key, { to: next.opensAs }, actor);
}
