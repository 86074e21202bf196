import { type EventOf, emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { type Actor, recordAudit } from "../accounts/index.ts";

type ConversationChange = "conversation.status_changed" | "conversation.assigned";

/** Audits a change to a conversation and emits it as a domain event, in the transaction that made it. */
export async function recordConversationChange<T extends ConversationChange>(
  context: TxContext,
  actor: Actor,
  tenantId: string,
  type: T,
  data: EventOf<T>["data"],
): Promise<void> {
  await recordAudit(context.tx, actor, {
    tenantId,
    action: type,
    targetType: "conversation",
    targetId: data.conversationId,
    data: { ...data },
  });
  await emit(context, { type, tenantId, data } as EventOf<T>);
}
