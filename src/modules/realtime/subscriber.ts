import type { DomainEvent, EventSubscriber } from "../../events/index.ts";
import { publishRealtime, type RealtimeEventInput } from "./service.ts";

/**
 * Domain events that open portals show live: inboxes, campaigns' progress, and the activation tracker's notifications (its
 * stages and the account's notifications review); the rest (templates, webhooks) are not shown live.
 */
const LIVE_PREFIXES = [
  "message.",
  "conversation.",
  "agent.",
  "contact.",
  "activation.",
  "whatsapp_account.notifications_updated",
  "campaign.",
];

/** Events meant for one user: their `data.userId` says whom. */
const PERSONAL = new Set<string>(["agent.mentioned"]);

function realtimeOf(event: DomainEvent): RealtimeEventInput | null {
  if (!LIVE_PREFIXES.some((prefix) => event.type.startsWith(prefix))) return null;
  const data = event.data as unknown as Record<string, unknown>;
  const userId = PERSONAL.has(event.type) && typeof data.userId === "string" ? data.userId : null;
  return { tenantId: event.tenantId, userId, type: event.type, data };
}

/** Domain events become realtime events, stored in the emitting transaction (so only committed ones stream). */
export const realtimeSubscriber: EventSubscriber = {
  name: "realtime.stream",
  async handle({ tx }, events) {
    await publishRealtime(
      tx,
      events.flatMap((event) => realtimeOf(event) ?? []),
    );
  },
};
