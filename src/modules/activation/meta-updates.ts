/**
 * Meta's answers move the tenant's activation: business verification (account_update
 * PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE), the partner request (PARTNER_ADDED), the policy
 * review (account_review_update) and the display-name review (phone_number_name_update); the
 * platform enabling an account's notifications completes the activation. An answer that does not
 * fit the stage's status (already decided, not yet submitted) is ignored.
 */
import { and, eq } from "drizzle-orm";
import type { EventSubscriber, MetaAccountUpdate } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { type ActivationStageKey, activationRequests, activationStages, type StageStatus } from "./schema.ts";
import { transitionStage } from "./transitions.ts";

interface Move {
  stage: ActivationStageKey;
  /** The stage's status Meta's answer applies to. */
  from: StageStatus;
  to: StageStatus;
  reasons?: string[];
}

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string" && item !== "NONE")
    : [];

/** What one of Meta's webhooks means for the activation, if anything. */
export function moveOf(update: Pick<MetaAccountUpdate, "field" | "value">): Move | null {
  const { field, value } = update;
  if (field === "account_update" && value.event === "PARTNER_ADDED") {
    return { stage: "partner_request", from: "action_required", to: "done" };
  }
  if (field === "account_update" && value.event === "PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE") {
    const info = (value.partner_client_certification_info ?? {}) as Record<string, unknown>;
    if (info.status === "APPROVED") return { stage: "business_verification", from: "in_review", to: "done" };
    if (info.status === "FAILED") {
      return {
        stage: "business_verification",
        from: "in_review",
        to: "rejected",
        reasons: list(info.rejection_reasons),
      };
    }
    return null;
  }
  if (field === "account_review_update") {
    if (value.decision === "APPROVED") return { stage: "policy_review", from: "in_review", to: "done" };
    if (value.decision === "REJECTED") {
      return {
        stage: "policy_review",
        from: "in_review",
        to: "rejected",
        reasons: ["Meta's Commerce Policy review rejected the account"],
      };
    }
    return null;
  }
  if (field === "phone_number_name_update") {
    if (value.decision === "APPROVED") return { stage: "display_name_review", from: "in_review", to: "done" };
    if (value.decision === "REJECTED") {
      return {
        stage: "display_name_review",
        from: "in_review",
        to: "rejected",
        reasons: list([value.rejection_reason]),
      };
    }
  }
  return null;
}

async function apply(context: TxContext, tenantId: string, move: Move): Promise<void> {
  const [request] = await context.tx
    .select()
    .from(activationRequests)
    .where(eq(activationRequests.tenantId, tenantId));
  if (!request) return;
  const [stage] = await context.tx
    .select({ status: activationStages.status })
    .from(activationStages)
    .where(and(eq(activationStages.requestId, request.id), eq(activationStages.stage, move.stage)));
  if (stage?.status !== move.from) return;
  await transitionStage(
    context,
    request,
    move.stage,
    { to: move.to, reasons: move.reasons },
    { kind: "system" },
  );
}

export const activationOnMetaUpdates: EventSubscriber = {
  name: "activation.meta-updates",
  async handle(context, events) {
    for (const event of events) {
      if (event.type === "whatsapp_account.meta_update") {
        const move = moveOf(event.data);
        if (move) await apply(context, event.tenantId, move);
      } else if (event.type === "whatsapp_account.notifications_updated" && event.data.status === "enabled") {
        // The platform's last check: once it enables an account's notifications, the tenant is active.
        await apply(context, event.tenantId, { stage: "activation", from: "in_review", to: "done" });
      }
    }
  },
};
