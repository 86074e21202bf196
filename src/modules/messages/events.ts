import type { DomainEvent, DomainEventType } from "../../events/index.ts";
import type { messages } from "./schema.ts";

/** The message events this module emits (members of the domain event union). */
export type MessageEventType = Exclude<Extract<DomainEventType, `message.${string}`>, "message.accepted">;

/** What customers' webhooks and the API show of a message. */
export function messageView(message: typeof messages.$inferSelect) {
  const { requestHash: _hash, tenantId: _tenant, dispatchStartedAt: _started, ...view } = message;
  return view;
}

export type MessageView = ReturnType<typeof messageView>;

/** The domain event of a message; its data is a copy, so later changes to the row do not leak in. */
export function messageEvent(message: typeof messages.$inferSelect, type: MessageEventType): DomainEvent {
  return { tenantId: message.tenantId, type, data: messageView({ ...message }) };
}
