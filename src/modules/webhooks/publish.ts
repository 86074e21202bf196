import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
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
  const [result] = await publishEvents(tx, boss, [input]);
  return result as PublishResult<T>;
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
  for (const row of rows) await wakeSubscription({ boss, tx }, row.subscriptionId);
  return rows.map((row) => row.id);
}

/**
 * publishEvent for many events at once (one transaction's worth, e.g. an ingest batch): the
 * tenants' active subscriptions are read once, the deliveries are inserted in one statement,
 * and each subscription is woken once. Same guarantees as publishEvent: call it inside the
 * transaction that made the changes. Results are in the order of `inputs`.
 */
export async function publishEvents(
  tx: Executor,
  boss: PgBoss,
  inputs: PublishInput[],
): Promise<PublishResult[]> {
  if (inputs.length === 0) return [];
  const tenantIds = [...new Set(inputs.map((input) => input.tenantId))];
  const subscriptions = await tx
    .select({
      id: webhookSubscriptions.id,
      tenantId: webhookSubscriptions.tenantId,
      eventTypes: webhookSubscriptions.eventTypes,
    })
    .from(webhookSubscriptions)
    .where(and(inArray(webhookSubscriptions.tenantId, tenantIds), eq(webhookSubscriptions.active, true)));
  const createdAt = new Date().toISOString();
  const planned = inputs.map((input) => {
    const event: WebhookEvent = {
      id: randomUUID(),
      type: input.type,
      tenantId: input.tenantId,
      createdAt,
      data: input.data,
    };
    const targets = subscriptions.filter(
      (subscription) =>
        subscription.tenantId === input.tenantId && subscribedTo(subscription.eventTypes, input.type),
    );
    return { event, targets };
  });
  const values = planned.flatMap(({ event, targets }) =>
    targets.map((subscription) => ({
      tenantId: event.tenantId!,
      subscriptionId: subscription.id,
      eventId: event.id,
      eventType: event.type,
      payload: event as unknown as Record<string, unknown>,
    })),
  );
  // The rows travel as one JSON parameter (an ingest batch carries thousands of events), inserted
  // in event order so their seq keeps it.
  const rows = values.length
    ? (
        (await tx.execute(sql`
          insert into webhook_deliveries (tenant_id, subscription_id, event_id, event_type, payload)
          select v.tenant_id, v.subscription_id, v.event_id, v.event_type, v.payload
          from rows from (jsonb_to_recordset(${JSON.stringify(
            values.map((value) => ({
              tenant_id: value.tenantId,
              subscription_id: value.subscriptionId,
              event_id: value.eventId,
              event_type: value.eventType,
              payload: value.payload,
            })),
          )}::jsonb) as (tenant_id uuid, subscription_id uuid, event_id uuid, event_type text, payload jsonb))
          with ordinality as v(tenant_id, subscription_id, event_id, event_type, payload, ord)
          order by v.ord
          returning id, event_id as "eventId"`)) as unknown as { rows: { id: string; eventId: string }[] }
      ).rows
    : [];
  for (const subscriptionId of new Set(values.map((value) => value.subscriptionId)))
    await wakeSubscription({ boss, tx }, subscriptionId);
  const byEvent = new Map<string, string[]>();
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row.id]);
  return planned.map(({ event }) => ({ event, deliveryIds: byEvent.get(event.id) ?? [] }));
}
