import { customerEventCatalogue } from "../../events/index.ts";

/**
 * The events customers' webhooks can subscribe to: the customer-visible members of the domain
 * event union (src/events/types.ts), each with its description.
 */
export const eventTypes = customerEventCatalogue;

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
