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

/** Status events (the bulk of ingest) carry what changed, not the message's content and pricing again. */
const STATUS_EVENTS = new Set<string>([
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
]);
const STATUS_FIELDS = [
  "id",
  "conversationId",
  "phoneNumberId",
  "contactId",
  "direction",
  "type",
  "wamid",
  "status",
  "error",
  "createdAt",
  "sentAt",
  "deliveredAt",
  "readAt",
  "failedAt",
  "updatedAt",
] as const;

function statusData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(STATUS_FIELDS.map((field) => [field, data[field] ?? null]));
}

function realtimeOf(event: DomainEvent): RealtimeEventInput | null {
  if (!LIVE_PREFIXES.some((prefix) => event.type.startsWith(prefix))) return null;
  const full = event.data as unknown as Record<string, unknown>;
  const data = STATUS_EVENTS.has(event.type) ? statusData(full) : full;
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
