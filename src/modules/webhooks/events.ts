/**
 * The events Charla publishes to customer webhooks. Each is sent inside an envelope
 * { id, type, tenantId, createdAt, data }; many envelopes are POSTed together as { "events": [...] }.
 */
export const eventTypes = {
  "message.accepted": "A message was accepted by the API and stored for sending",
  "message.sent": "WhatsApp reported the message sent",
  "message.delivered": "WhatsApp reported the message delivered to the recipient's device",
  "message.read": "The recipient read the message",
  "message.failed": "The message could not be sent or delivered",
  "message.received": "A contact sent a message to one of the tenant's numbers",
  "contact.opted_in": "A contact gave consent to receive messages",
  "contact.opted_out": "A contact withdrew consent",
  "template.status_updated": "Meta approved, rejected, paused or disabled a template",
  "webhook.test": "Sent on demand by POST /v1/webhooks/{id}/test",
} as const;

export type KnownEventType = keyof typeof eventTypes;
/** Modules may publish types not listed yet; subscriptions name them exactly or by wildcard. */
export type EventType = KnownEventType | (string & {});

export interface WebhookEvent<T = unknown> {
  id: string;
  type: EventType;
  tenantId?: string;
  /** ISO 8601. */
  createdAt: string;
  data: T;
}

/** "message.sent", "message.*" or "*". */
export const eventPatternRegex = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;

/** Whether a subscription pattern ("*", "message.*" or an exact type) covers an event type. */
export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function subscribedTo(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => matchesEventType(pattern, type));
}
