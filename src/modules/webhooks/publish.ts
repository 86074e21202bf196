import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { Executor } from "../../db/client.ts";
import { type EventType, subscribedTo, type WebhookEvent } from "./events.ts";
import { wakeSubscription } from "./schedule.ts";
import { webhookDeliveries, webhookSubscriptions } from "./schema.ts";

export interface PublishInput<T = unknown> {
  tenantId: string;
  type: EventType;
  data: T;
}

export interface PublishResult<T = unknown> {
  event: WebhookEvent<T>;
  /** One per matching active subscription. */
  deliveryIds: string[];
}

/**
 * Publishes an event to the tenant's matching active webhook subscriptions. Call it INSIDE the
 * transaction that made the change: the deliveries and their jobs commit or roll back with it,
 * so an event exists exactly when the change does.
 */
export async function publishEvent<T>(
  tx: Executor,
  boss: PgBoss,
  input: PublishInput<T>,
): Promise<PublishResult<T>> {
  const event: WebhookEvent<T> = {
    id: randomUUID(),
    type: input.type,
    tenantId: input.tenantId,
    createdAt: new Date().toISOString(),
    data: input.data,
  };
  const subscriptions = await tx
    .select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenantId, input.tenantId), eq(webhookSubscriptions.active, true)));
  const targets = subscriptions.filter((subscription) => subscribedTo(subscription.eventTypes, input.type));
  return { event, deliveryIds: await insertDeliveries(tx, boss, event, targets) };
}

/** Stores the event for each subscription and wakes their delivery jobs (same transaction). */
export async function insertDeliveries(
  tx: Executor,
  boss: PgBoss,
  event: WebhookEvent,
  subscriptions: { id: string }[],
): Promise<string[]> {
  if (subscriptions.length === 0 || !event.tenantId) return [];
  const tenantId = event.tenantId;
  const rows = await tx
    .insert(webhookDeliveries)
    .values(
      subscriptions.map((subscription) => ({
        tenantId,
        subscriptionId: subscription.id,
        eventId: event.id,
        eventType: event.type,
        payload: event as unknown as Record<string, unknown>,
      })),
    )
    .returning({ id: webhookDeliveries.id, subscriptionId: webhookDeliveries.subscriptionId });
  for (const row of rows) await wakeSubscription(boss, row.subscriptionId, tx);
  return rows.map((row) => row.id);
}
