import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, lte, min, sql } from "drizzle-orm";
import type { Job } from "pg-boss";
import { Agent, request } from "undici";
import type { Services } from "../../app/services.ts";
import { defineJob } from "../../jobs/queue.ts";
import { DELIVER_QUEUE, type DeliverJob, scheduleSubscription, wakeSubscription } from "./schedule.ts";
import { webhookDeliveries, webhookSubscriptions } from "./schema.ts";
import { retryDelayMs, type WebhookSettings, webhookSettings } from "./settings.ts";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signCharlaPayload } from "./signature.ts";
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from "./url-policy.ts";

const dueStatuses = ["pending", "failed"] as const;
const agents = new Map<string, Agent>();

/**
 * Keep-alive pool per host (undici Agent), timeouts for connect, headers and body; unless
 * private hosts are allowed, connections only go to public addresses, checked as they are made.
 */
function agentFor(timeoutMs: number, allowPrivateHosts: boolean): Agent {
  const key = `${timeoutMs}:${allowPrivateHosts}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { timeout: timeoutMs, ...(allowPrivateHosts ? {} : { lookup: publicOnlyLookup }) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 30_000,
      connections: 8,
    });
    agents.set(key, agent);
  }
  return agent;
}

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** One signed POST of a batch. Never throws: network errors and timeouts are outcomes. */
export async function postBatch(
  url: string,
  secret: string,
  batchId: string,
  body: string,
  timeoutMs: number,
  allowPrivateHosts = false,
): Promise<AttemptOutcome> {
  try {
    // An address literal is connected to without a lookup: check it here.
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    if (!allowPrivateHosts && isPrivateAddress(host))
      throw new PrivateAddressError(`${host} is a private address`);
    const response = await request(url, {
      method: "POST",
      dispatcher: agentFor(timeoutMs, allowPrivateHosts),
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Charla-Webhooks/1",
        [SIGNATURE_HEADER]: signCharlaPayload(body, secret),
        [DELIVERY_HEADER]: batchId,
      },
      body,
    });
    const text = (await response.body.text()).slice(0, 300);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return {
      ok,
      statusCode: response.statusCode,
      error: ok ? null : `HTTP ${response.statusCode}${text ? `: ${text}` : ""}`,
    };
  } catch (error) {
    const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
    const code = err.code ?? err.cause?.code;
    const timedOut =
      err.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT";
    return {
      ok: false,
      statusCode: null,
      error: timedOut
        ? `timeout after ${timeoutMs} ms`
        : `${code ?? err.name}: ${err.cause?.message ?? err.message}`,
    };
  }
}

/**
 * Sends one batch of a subscription's due deliveries (oldest first) and records the outcome on
 * each row; then schedules the subscription's next run (now when more are due, else at the
 * earliest retry). Rows are claimed with a lease so a crashed worker's batch is retried later.
 */
export async function deliverSubscription(
  services: Services,
  subscriptionId: string,
  settings: WebhookSettings = webhookSettings(services.config),
): Promise<{ sent: number; ok: boolean } | null> {
  const { db } = services.database;
  const [subscription] = await db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, subscriptionId));
  if (!subscription?.active) return null; // deleted (rows cascade) or paused (woken on re-activation)

  const batchId = randomUUID();
  const leaseMs = settings.timeoutMs + 60_000;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id, payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.subscriptionId, subscriptionId),
          inArray(webhookDeliveries.status, dueStatuses),
          lte(webhookDeliveries.nextAttemptAt, sql`now()`),
        ),
      )
      .orderBy(asc(webhookDeliveries.seq))
      .limit(settings.batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    await tx
      .update(webhookDeliveries)
      .set({
        batchId,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: sql`now()`,
        nextAttemptAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      })
      .where(
        inArray(
          webhookDeliveries.id,
          due.map((row) => row.id),
        ),
      );
    return due;
  });

  let outcome: AttemptOutcome | null = null;
  if (claimed.length > 0) {
    const body = JSON.stringify({ events: claimed.map((row) => row.payload) });
    const secret = services.secrets.open(subscription.secretSealed);
    outcome = await postBatch(
      subscription.url,
      secret,
      batchId,
      body,
      settings.timeoutMs,
      settings.allowPrivateHosts,
    );
    await recordOutcome(
      services,
      claimed.map((row) => row.id),
      batchId,
      outcome,
      settings,
    );
  }

  const [next] = await db
    .select({ at: min(webhookDeliveries.nextAttemptAt), now: sql<Date>`now()`.mapWith((v) => new Date(v)) })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        inArray(webhookDeliveries.status, dueStatuses),
      ),
    );
  if (next?.at) {
    if (next.at.getTime() <= next.now.getTime()) await wakeSubscription(services, subscriptionId);
    else
      await scheduleSubscription(
        services,
        subscriptionId,
        new Date(Date.now() + (next.at.getTime() - next.now.getTime())),
      );
  }
  return outcome ? { sent: claimed.length, ok: outcome.ok } : null;
}

async function recordOutcome(
  services: Services,
  ids: string[],
  batchId: string,
  outcome: AttemptOutcome,
  settings: WebhookSettings,
): Promise<void> {
  const { db } = services.database;
  const mine = and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.batchId, batchId));
  if (outcome.ok) {
    await db
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        deliveredAt: sql`now()`,
        nextAttemptAt: null,
        lastStatusCode: outcome.statusCode,
        lastError: null,
      })
      .where(mine);
    return;
  }
  const rows = await db
    .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
    .from(webhookDeliveries)
    .where(mine);
  const byAttempts = new Map<number, string[]>();
  for (const row of rows) byAttempts.set(row.attempts, [...(byAttempts.get(row.attempts) ?? []), row.id]);
  for (const [attempts, group] of byAttempts) {
    const dead = attempts >= settings.maxAttempts;
    const delay = retryDelayMs(attempts, settings.retryBaseMs);
    await db
      .update(webhookDeliveries)
      .set({
        status: dead ? "dead" : "failed",
        nextAttemptAt: dead ? null : sql`now() + ${delay} * interval '1 millisecond'`,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
      })
      .where(and(inArray(webhookDeliveries.id, group), eq(webhookDeliveries.batchId, batchId)));
  }
}

export async function deliverJobs(jobs: Job<DeliverJob>[], services: Services): Promise<void> {
  const settings = webhookSettings(services.config);
  await Promise.all(jobs.map((job) => deliverSubscription(services, job.data.subscriptionId, settings)));
}

export const webhookJobs = [
  defineJob(DELIVER_QUEUE, {
    // HTTP-bound: 16 subscriptions delivered at once (4 workers x 4), so slow endpoints do not
    // starve the others, while an idle queue costs 4 polls per second, not 16.
    work: { localConcurrency: 4, batchSize: 4, pollingIntervalSeconds: 1 },
    handler: (jobs, services) => deliverJobs(jobs, services),
  }),
];
