import { eq, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor, Tx } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import { enqueue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/problem.ts";
import { type AudienceSpec, refreshSegments } from "../audiences/index.ts";
import { queueTemplateMessages } from "../messages/index.ts";
import { numbersByIds, type PhoneNumberRow } from "../numbers/index.ts";
import { type ApprovedTemplate, approvedTemplate } from "../templates/index.ts";
import {
  chunkContacts,
  nextDeferred,
  planChunk,
  type ReadAhead,
  readAhead,
  type UnitPrices,
  writeRecipients,
} from "./chunk.ts";
import { foldCounters } from "./counters.ts";
import { CAMPAIGN_RUN_QUEUE } from "./queues.ts";
import { nextRunAfter } from "./schedule.ts";
import { campaigns } from "./schema.ts";
import { type CampaignRow, campaignView, scheduleOf, variantsOf } from "./service.ts";

/** Contacts looked at per chunk at most: each chunk is a fixed number of statements. */
export const CHUNK_MAX = 1_000;

export type TickOutcome =
  | { kind: "stop" }
  | { kind: "wait"; ms: number; holding?: string }
  | { kind: "released"; queued: number; looked: number; ahead: Promise<ReadAhead | null> | null };

/** How many contacts the caller lets this tick look at, from the locked row (its counters) and the numbers. */
export type SizeChunk = (
  row: CampaignRow,
  numbers: PhoneNumberRow[],
) => number | { waitMs: number; holding?: string };

async function setStatus(
  services: Services,
  tx: Tx,
  row: CampaignRow,
  values: Partial<typeof campaigns.$inferInsert>,
): Promise<CampaignRow> {
  const [updated] = await tx
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(campaigns.id, row.id))
    .returning();
  await emit(
    { boss: services.boss, tx },
    { type: "campaign.status_changed", tenantId: row.tenantId, data: campaignView(updated!) },
  );
  return updated!;
}

/** The audience's segments recomputed (dynamic rules such as "last inbound within" move with time). */
export async function refreshAudience(db: Executor, row: CampaignRow): Promise<void> {
  const spec = row.audience as AudienceSpec;
  await refreshSegments(db, row.tenantId, [...(spec.segmentIds ?? []), ...(spec.excludeSegmentIds ?? [])]);
}

/** A scheduled run whose time came starts (its segments refreshed); anything not running stops the runner. */
async function runnable(services: Services, tx: Tx, row: CampaignRow, now: Date) {
  if (row.status === "scheduled" && row.nextRunAt && row.nextRunAt <= now) {
    if (row.run > 1) await refreshAudience(tx, row);
    return setStatus(services, tx, row, {
      status: "running",
      cursor: null,
      audienceDone: false,
      holding: null,
    });
  }
  return row.status === "running" ? row : null;
}

async function templatesOrHold(services: Services, tx: Tx, row: CampaignRow) {
  try {
    const list: ApprovedTemplate[] = [];
    for (const variant of variantsOf(row))
      list.push(await approvedTemplate(tx, row.tenantId, variant.templateId));
    return list;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Meta paused or disabled the template mid-campaign: hold until someone resumes.
    await setStatus(services, tx, row, { status: "paused", holding: error.code });
    return null;
  }
}

/** The run is over: a one-off completes, a recurring campaign waits for its next time. */
async function finishRun(services: Services, tx: Tx, row: CampaignRow, now: Date) {
  const next = nextRunAfter(scheduleOf(row), now);
  if (next) {
    // The next run's runner waits for its time (the minute's due check is the backstop).
    await enqueue(
      { boss: services.boss, tx },
      CAMPAIGN_RUN_QUEUE,
      { campaignId: row.id },
      {
        singletonKey: row.id,
        startAfter: next,
      },
    );
    return setStatus(services, tx, row, {
      status: "scheduled",
      nextRunAt: next,
      run: row.run + 1,
      cursor: null,
      audienceDone: false,
      holding: null,
    });
  }
  return setStatus(services, tx, row, { status: "completed", completedAt: now, holding: null });
}

/**
 * One step of a campaign, in one transaction holding the campaign's row: it reads the next chunk
 * of the audience (keyset), decides each contact, writes the recipients, queues the messages with
 * ONE dispatch job, and moves the cursor and the counters. A crash before commit leaves nothing; a
 * crash after leaves the messages to dispatch's own recovery. Pause and cancel are seen here.
 */
export async function tick(
  services: Services,
  campaignId: string,
  sizeChunk: SizeChunk,
  ahead: Promise<ReadAhead | null> | null = null,
): Promise<TickOutcome> {
  const { db } = services.database;
  const now = new Date();
  return db.transaction(async (tx) => {
    const locked = await foldCounters(tx, campaignId);
    if (!locked) return { kind: "stop" };
    const row = await runnable(services, tx, locked, now);
    if (!row) return { kind: "stop" };
    const numbers = [...(await numbersByIds(tx, row.phoneNumberIds)).values()].filter(
      (number) => number.tenantId === row.tenantId && number.status === "connected",
    );
    if (numbers.length === 0) {
      await setStatus(services, tx, row, { status: "paused", holding: "no_sending_number" });
      return { kind: "stop" };
    }
    const size = sizeChunk(row, numbers);
    if (typeof size !== "number") {
      if (size.holding && size.holding !== row.holding)
        await tx
          .update(campaigns)
          .set({ holding: size.holding ?? null })
          .where(eq(campaigns.id, row.id));
      return { kind: "wait", ms: size.waitMs, holding: size.holding };
    }
    const templates = await templatesOrHold(services, tx, row);
    if (!templates) return { kind: "stop" };
    const { contacts, fresh, cursor, audienceExhausted } = await chunkContacts(
      tx,
      row,
      Math.min(size, CHUNK_MAX),
      now,
      await ahead,
    );
    // The next chunk is read meanwhile on another connection (PGlite has one: nothing to overlap).
    const next =
      services.database.kind === "postgres" && !row.audienceDone && !audienceExhausted
        ? readAhead(db, row, cursor, CHUNK_MAX).catch(() => null)
        : null;
    const prices = ((row.estimate ?? {}) as { unitPrices?: UnitPrices }).unitPrices ?? {};
    const plan = await planChunk(tx, row, contacts, numbers, templates, prices, now);
    await writeRecipients(tx, plan.recipients);
    // One call for the chunk (its statements once, not once per number), ordered by number so
    // each dispatch job (DISPATCH_JOB_SIZE messages) is mostly one number's: dispatched in parallel.
    await queueTemplateMessages(
      tx,
      services,
      numbers.flatMap((number) => plan.messages.filter((message) => message.phoneNumberId === number.id)),
    );
    const [updated] = await tx
      .update(campaigns)
      .set({
        cursor,
        audienceDone: row.audienceDone || audienceExhausted,
        audienceTotal: sql`${campaigns.audienceTotal} + ${fresh.length}`,
        queued: sql`${campaigns.queued} + ${plan.messages.length}`,
        skipped: sql`${campaigns.skipped} + ${plan.skipped}`,
        holding:
          contacts.length === 0
            ? row.holding
            : plan.messages.length === 0 && plan.deferred > 0
              ? "quiet_hours"
              : null,
        updatedAt: now,
      })
      .where(eq(campaigns.id, row.id))
      .returning();
    if (contacts.length > 0)
      await emit(
        { boss: services.boss, tx },
        { type: "campaign.progress", tenantId: row.tenantId, data: campaignView(updated!) },
      );
    if (!updated!.audienceDone || contacts.length > 0)
      return { kind: "released", queued: plan.messages.length, looked: contacts.length, ahead: next };
    const deferredDue = await nextDeferred(tx, updated!);
    if (deferredDue) {
      if (updated!.holding !== "quiet_hours")
        await tx.update(campaigns).set({ holding: "quiet_hours" }).where(eq(campaigns.id, row.id));
      return { kind: "wait", ms: Math.max(50, deferredDue.getTime() - Date.now()), holding: "quiet_hours" };
    }
    await finishRun(services, tx, updated!, now);
    return { kind: "stop" };
  });
}

/** A chunk refused for the wallet (402): the campaign holds, paused, until topped up and resumed. */
export async function holdForBalance(services: Services, campaignId: string): Promise<void> {
  await services.database.db.transaction(async (tx) => {
    const row = await foldCounters(tx, campaignId);
    if (row?.status === "running")
      await setStatus(services, tx, row, { status: "paused", holding: "insufficient_balance" });
  });
}

export { setStatus };
