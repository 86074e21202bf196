import type { Tx } from "../../db/client.ts";
import type { Services } from "../../app/services.ts";
import { publishEvent } from "../webhooks/publish.ts";
import type { messages } from "./schema.ts";

export type MessageEventType =
  | "message.sent"
  | "message.delivered"
  | "message.read"
  | "message.failed"
  | "message.received";

/** What customers' webhooks and the API show of a message. */
export function messageView(message: typeof messages.$inferSelect) {
  const { requestHash: _hash, tenantId: _tenant, dispatchStartedAt: _started, ...view } = message;
  return view;
}

/** Publishes a message event to the tenant's webhook subscriptions, inside the transaction that changed it. */
export async function publishMessageEvent(
  tx: Tx,
  services: Pick<Services, "boss">,
  message: typeof messages.$inferSelect,
  type: MessageEventType,
): Promise<void> {
  await publishEvent(tx, services.boss, { tenantId: message.tenantId, type, data: messageView(message) });
}

/** The input publishEvents takes for a message event; `message` is copied, so later changes do not leak in. */
export function messageEvent(
  message: typeof messages.$inferSelect,
  type: MessageEventType,
): { tenantId: string; type: MessageEventType; data: ReturnType<typeof messageView> } {
  return { tenantId: message.tenantId, type, data: messageView({ ...message }) };
}
