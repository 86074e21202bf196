import { randomUUID } from "node:crypto";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Db, Executor } from "../../db/client.ts";
import { conflict, notFound } from "../../lib/problem.ts";
import { type Actor, recordAudit } from "../accounts/index.ts";
import type { WebhookEvent } from "./events.ts";
import { insertDeliveries } from "./publish.ts";
import { wakeSubscription } from "./schedule.ts";
import { type DeliveryStatus, webhookDeliveries, webhookSubscriptions } from "./schema.ts";
import { generateWebhookSecret } from "./signature.ts";

export type SubscriptionRecord = typeof webhookSubscriptions.$inferSelect;
export type PublicSubscription = Omit<SubscriptionRecord, "secretSealed">;
export type DeliveryRecord = typeof webhookDeliveries.$inferSelect;

export function toPublicSubscription({
  secretSealed: _hidden,
  ...rest
}: SubscriptionRecord): PublicSubscription {
  return rest;
}

const webhookNotFound = () => notFound("Webhook", "webhook_not_found");

async function findSubscription(db: Executor, tenantId: string, id: string): Promise<SubscriptionRecord> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.tenantId, tenantId)));
  if (!row) throw webhookNotFound();
  return row;
}

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
  description?: string | null;
  active?: boolean;
}

/** Creates a subscription; its signing secret is returned once and stored sealed. */
export async function createSubscription(
  services: Services,
  tenantId: string,
  input: SubscriptionInput,
  actor: Actor,
): Promise<{ webhook: PublicSubscription; secret: string }> {
  const secret = generateWebhookSecret();
  return services.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        tenantId,
        url: input.url,
        eventTypes: [...new Set(input.eventTypes)],
        description: input.description ?? null,
        active: input.active ?? true,
        secretSealed: services.secrets.seal(secret),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, {
      tenantId,
      action: "webhook.created",
      targetType: "webhook",
      targetId: row.id,
      data: { url: row.url, eventTypes: row.eventTypes },
    });
    return { webhook: toPublicSubscription(row), secret };
  });
}

export async function listSubscriptions(db: Executor, tenantId: string): Promise<PublicSubscription[]> {
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.tenantId, tenantId))
    .orderBy(webhookSubscriptions.createdAt, webhookSubscriptions.id);
  return rows.map(toPublicSubscription);
}

export async function getSubscription(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<PublicSubscription> {
  return toPublicSubscription(await findSubscription(db, tenantId, id));
}

export async function updateSubscription(
  services: Services,
  tenantId: string,
  id: string,
  patch: Partial<SubscriptionInput>,
  actor: Actor,
): Promise<PublicSubscription> {
  return services.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.eventTypes !== undefined ? { eventTypes: [...new Set(patch.eventTypes)] } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.tenantId, tenantId)))
      .returning();
    if (!row) throw webhookNotFound();
    await recordAudit(tx, actor, {
      tenantId,
      action: "webhook.updated",
      targetType: "webhook",
      targetId: id,
      data: patch as Record<string, unknown>,
    });
    // Re-activated or re-pointed: whatever is still due goes out now.
    if (row.active) await wakeSubscription({ boss: services.boss, tx }, id);
    return toPublicSubscription(row);
  });
}

export async function deleteSubscription(db: Db, tenantId: string, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.tenantId, tenantId)))
      .returning({ id: webhookSubscriptions.id, url: webhookSubscriptions.url });
    if (!row) throw webhookNotFound();
    await recordAudit(tx, actor, {
      tenantId,
      action: "webhook.deleted",
      targetType: "webhook",
      targetId: id,
      data: { url: row.url },
    });
  });
}

/** Replaces the signing secret at once (the old one stops verifying) and returns the new one, once. */
export async function rotateSecret(
  services: Services,
  tenantId: string,
  id: string,
  actor: Actor,
): Promise<{ secret: string }> {
  const secret = generateWebhookSecret();
  await services.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({ secretSealed: services.secrets.seal(secret), updatedAt: sql`now()` })
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.tenantId, tenantId)))
      .returning({ id: webhookSubscriptions.id });
    if (!row) throw webhookNotFound();
    await recordAudit(tx, actor, {
      tenantId,
      action: "webhook.secret_rotated",
      targetType: "webhook",
      targetId: id,
    });
  });
  return { secret };
}

export type PublicDelivery = Omit<DeliveryRecord, "tenantId" | "seq">;

function toPublicDelivery({ tenantId: _tenant, seq: _seq, ...rest }: DeliveryRecord): PublicDelivery {
  return rest;
}

/** Newest first; `cursor` is the opaque nextCursor of the previous page. */
export async function listDeliveries(
  db: Executor,
  tenantId: string,
  subscriptionId: string,
  options: { status?: DeliveryStatus; limit: number; cursor?: string },
): Promise<{ data: PublicDelivery[]; nextCursor: string | null }> {
  await findSubscription(db, tenantId, subscriptionId);
  const before = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        eq(webhookDeliveries.tenantId, tenantId),
        options.status ? eq(webhookDeliveries.status, options.status) : undefined,
        before !== undefined ? lt(webhookDeliveries.seq, before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map(toPublicDelivery),
    nextCursor:
      rows.length > options.limit && last ? Buffer.from(`s:${last.seq}`).toString("base64url") : null,
  };
}

export function isCursor(value: string): boolean {
  return decodeCursor(value) !== undefined;
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^s:(\d{1,18})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Sends one delivery again, whatever its status (a delivered one too), as soon as possible. */
export async function replayDelivery(
  services: Services,
  tenantId: string,
  deliveryId: string,
  actor: Actor,
): Promise<PublicDelivery> {
  return services.database.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ delivery: webhookDeliveries, active: webhookSubscriptions.active })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.tenantId, tenantId)))
      .for("update", { of: webhookDeliveries });
    if (!found) throw notFound("Webhook delivery", "webhook_delivery_not_found");
    if (!found.active)
      throw conflict("webhook_inactive", "The webhook is paused: activate it before replaying deliveries");
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    if (!row) throw new Error("update returned no row");
    await recordAudit(tx, actor, {
      tenantId,
      action: "webhook_delivery.replayed",
      targetType: "webhook_delivery",
      targetId: deliveryId,
      data: { subscriptionId: row.subscriptionId, eventId: row.eventId },
    });
    await wakeSubscription({ boss: services.boss, tx }, row.subscriptionId);
    return toPublicDelivery(row);
  });
}

/** Queues a webhook.test event for this subscription only. */
export async function sendTestEvent(
  services: Services,
  tenantId: string,
  subscriptionId: string,
): Promise<{ event: WebhookEvent; deliveryId: string }> {
  return services.database.db.transaction(async (tx) => {
    const subscription = await findSubscription(tx, tenantId, subscriptionId);
    if (!subscription.active)
      throw conflict("webhook_inactive", "The webhook is paused: activate it before sending a test event");
    const event: WebhookEvent = {
      id: randomUUID(),
      type: "webhook.test",
      tenantId,
      createdAt: new Date().toISOString(),
      data: { webhookId: subscriptionId, message: "Test event sent from Charla" },
    };
    const [deliveryId] = await insertDeliveries(tx, services.boss, event, [subscription]);
    if (!deliveryId) throw new Error("insert returned no row");
    return { event, deliveryId };
  });
}
