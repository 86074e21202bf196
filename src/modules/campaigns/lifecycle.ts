import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { AppError, conflict } from "../../lib/problem.ts";
import { refreshAudience, setStatus } from "./engine.ts";
import { startRunner } from "./jobs.ts";
import { estimateCampaign } from "./preview.ts";
import { firstRunAt } from "./schedule.ts";
import { campaignRecipients, campaigns } from "./schema.ts";
import {
  type CampaignRow,
  checkedTemplates,
  getCampaign,
  scheduleOf,
  sendingNumbers,
  variantsOf,
} from "./service.ts";

/** Audience, exclusions by reason, cost by market and the messaging budget, kept on the campaign. */
export async function previewCampaign(services: Services, tenantId: string, id: string) {
  const { db } = services.database;
  const row = await getCampaign(db, tenantId, id);
  await refreshAudience(db, row);
  const numbers = await sendingNumbers(db, tenantId, row.phoneNumberIds);
  const templates = await checkedTemplates(
    db,
    tenantId,
    variantsOf(row),
    new Set(numbers.map((number) => number.accountId)),
  );
  const estimate = await estimateCampaign(db, row, numbers, templates);
  await db
    .update(campaigns)
    .set({ estimate: estimate as unknown as Record<string, unknown>, updatedAt: new Date() })
    .where(eq(campaigns.id, row.id));
  return estimate;
}

/**
 * Launches a draft: estimates it again, refuses it with 402 `insufficient_balance` when the wallet
 * (balance + credit limit) cannot cover the estimate, then schedules its first run. Each chunk then
 * reserves its messages' price in the wallet as it is queued (the binding reservation).
 */
export async function launchCampaign(services: Services, tenantId: string, id: string) {
  const { db } = services.database;
  const draft = await getCampaign(db, tenantId, id);
  if (draft.status !== "draft")
    throw conflict("campaign_not_draft", `The campaign is ${draft.status}; only a draft can be launched`);
  const estimate = await previewCampaign(services, tenantId, id);
  const { cost } = estimate;
  if (cost.enforced && cost.availableMicros !== null && cost.totalMicros > cost.availableMicros)
    throw new AppError(
      402,
      "insufficient_balance",
      `The campaign is estimated at ${cost.total} ${cost.currency} and the wallet has ${cost.available} available; top up the wallet`,
      { required: cost.total, available: cost.available, currency: cost.currency },
    );
  const runAt = firstRunAt(scheduleOf(draft));
  return db.transaction(async (tx) => {
    const row = await getCampaign(tx, tenantId, id, true);
    if (row.status !== "draft")
      throw conflict("campaign_not_draft", `The campaign is ${row.status}; only a draft can be launched`);
    const launched = await setStatus(services, tx, row, {
      status: scheduleOf(row).kind === "now" ? "running" : "scheduled",
      nextRunAt: runAt,
      run: 1,
      launchedAt: new Date(),
    });
    await startRunner({ boss: services.boss, tx }, id, runAt);
    return launched;
  });
}

type Action = "pause" | "resume" | "cancel";

const ALLOWED: Record<Action, CampaignRow["status"][]> = {
  pause: ["running", "scheduled"],
  resume: ["paused"],
  cancel: ["draft", "scheduled", "running", "paused"],
};

/**
 * Pause, resume or cancel. The runner sees the new status at its next tick (it ticks several times
 * a second and locks the row each time), so no chunk starts after this commits.
 */
export async function changeCampaign(services: Services, tenantId: string, id: string, action: Action) {
  return services.database.db.transaction(async (tx) => {
    const row = await getCampaign(tx, tenantId, id, true);
    if (!ALLOWED[action].includes(row.status))
      throw conflict("campaign_state", `A ${row.status} campaign cannot ${action}`, {
        campaignStatus: row.status,
      });
    if (action === "pause") return setStatus(services, tx, row, { status: "paused", holding: null });
    if (action === "resume") {
      // A paused recurring campaign between runs resumes as scheduled for its next time.
      const between =
        row.audienceDone === false && row.cursor === null && row.nextRunAt && row.nextRunAt > new Date();
      const resumed = await setStatus(services, tx, row, {
        status: between ? "scheduled" : "running",
        holding: null,
        nextRunAt: row.nextRunAt ?? new Date(),
      });
      await startRunner({ boss: services.boss, tx }, id, between ? row.nextRunAt! : undefined);
      return resumed;
    }
    // Deferred recipients of a cancelled campaign are never sent: they count as skipped.
    const dropped = await tx
      .update(campaignRecipients)
      .set({ status: "skipped", skipReason: "cancelled", dueAt: null })
      .where(
        and(
          eq(campaignRecipients.campaignId, row.id),
          eq(campaignRecipients.run, row.run),
          eq(campaignRecipients.status, "deferred"),
        ),
      )
      .returning({ contactId: campaignRecipients.contactId });
    const cancelled = await setStatus(services, tx, row, {
      status: "cancelled",
      completedAt: new Date(),
      holding: null,
      skipped: row.skipped + dropped.length,
    });
    return cancelled;
  });
}
