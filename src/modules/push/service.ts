import { Agent } from "node:https";
import { and, eq } from "drizzle-orm";
import webpush from "web-push";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { badRequest } from "../../lib/problem.ts";
import { type PushNotice, renderNotice } from "./notices.ts";
import { type PushLanguage, pushKeys, pushSubscriptions } from "./schema.ts";

const KEY_ID = "vapid";

/** Who the push services may contact about this installation (PUSH_SUBJECT: a mailto: or https: URL). */
export function pushSubject(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUSH_SUBJECT ?? "mailto:admin@charla.invalid";
}

/** The VAPID key pair: generated and stored once, the same for every process. */
export async function vapidKeys(services: Pick<Services, "database" | "secrets">) {
  const { db } = services.database;
  const read = async () => (await db.select().from(pushKeys).where(eq(pushKeys.id, KEY_ID)))[0];
  let row = await read();
  if (!row) {
    const generated = webpush.generateVAPIDKeys();
    await db
      .insert(pushKeys)
      .values({
        id: KEY_ID,
        publicKey: generated.publicKey,
        privateKeySealed: services.secrets.seal(generated.privateKey),
      })
      .onConflictDoNothing();
    row = await read();
  }
  if (!row) throw new Error("VAPID keys could not be stored");
  return { publicKey: row.publicKey, privateKey: services.secrets.open(row.privateKeySealed) };
}

export interface SubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The portal's language when it subscribed: notices are written in it (English if never given). */
  language?: PushLanguage;
}

/**
 * Where push services may have certificates Node does not trust: only where webhooks may reach
 * private hosts (the sandbox, tests with a local push service), never by default in production.
 */
export function trustAnyPushCertificate(config: Services["config"]): boolean {
  return config.WEBHOOKS_ALLOW_PRIVATE ?? config.SANDBOX;
}

let insecureAgent: Agent | null = null;
const lenientAgent = (): Agent => {
  insecureAgent ??= new Agent({ rejectUnauthorized: false });
  return insecureAgent;
};

/** Stores a browser's subscription for the user (an endpoint moves to the latest user that registers it). */
export async function subscribe(db: Executor, tenantId: string, userId: string, input: SubscriptionInput) {
  const url = URL.parse(input.endpoint);
  if (url?.protocol !== "https:")
    throw badRequest(
      "push_endpoint_invalid",
      "A push endpoint is an https URL of the browser's push service",
    );
  const values = {
    tenantId,
    userId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    ...(input.language ? { language: input.language } : {}),
  };
  const [row] = await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
    .returning({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      language: pushSubscriptions.language,
      createdAt: pushSubscriptions.createdAt,
    });
  return row!;
}

export async function unsubscribe(db: Executor, userId: string, endpoint: string) {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

/** Sends a notice to every subscription of its user, each in its language; subscriptions the push service says are gone are dropped. */
export async function deliverPush(services: Services, notice: PushNotice): Promise<number> {
  const { db } = services.database;
  const subscriptions = await db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, notice.userId));
  if (subscriptions.length === 0) return 0;
  const keys = await vapidKeys(services);
  let sent = 0;
  for (const subscription of subscriptions) {
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(renderNotice(notice, subscription.language)),
        {
          vapidDetails: { subject: pushSubject(), ...keys },
          TTL: 3600,
          urgency: "high",
          timeout: 10_000,
          ...(trustAnyPushCertificate(services.config) ? { agent: lenientAgent() } : {}),
        },
      );
      sent++;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410)
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
      else throw error;
    }
  }
  return sent;
}
