import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { notFound, unprocessable } from "../../lib/problem.ts";
import { numbersByIds } from "../numbers/index.ts";
import { type ApprovedTemplate, approvedTemplate } from "../templates/index.ts";
import { campaignsWithCounters, foldCounters } from "./counters.ts";
import { firstRunAt } from "./schedule.ts";
import { campaignRecipients, campaigns } from "./schema.ts";
import { rowsOf } from "./sql.ts";
import {
  type CreateCampaignInput,
  DEFAULT_FREQUENCY_CAP,
  type FrequencyCap,
  type Schedule,
  type Variant,
} from "./types.ts";

export type CampaignRow = typeof campaigns.$inferSelect;

/** The campaign's content as stored: its variants. */
export const variantsOf = (row: CampaignRow) => (row.content as { variants: Variant[] }).variants;
export const scheduleOf = (row: CampaignRow) => row.schedule as unknown as Schedule;

/**
 * The templates of the variants, checked: the tenant's, approved, on the sending numbers' account,
 * and of one category (the cap, the US rule and the estimate depend on it).
 */
export async function checkedTemplates(
  db: Executor,
  tenantId: string,
  variants: Variant[],
  accountIds: Set<string>,
): Promise<ApprovedTemplate[]> {
  const templates: ApprovedTemplate[] = [];
  for (const variant of variants) {
    const template = await approvedTemplate(db, tenantId, variant.templateId);
    if (!accountIds.has(template.accountId) || accountIds.size > 1)
      throw unprocessable(
        "template_not_on_number_account",
        `Template "${template.name}" belongs to another WhatsApp Business account than the sending numbers; send from numbers of the template's account`,
      );
    templates.push(template);
  }
  if (new Set(templates.map((template) => template.category)).size > 1)
    throw unprocessable(
      "variant_categories_differ",
      "Every A/B variant must be of the same template category",
    );
  return templates;
}

/** The sending numbers: the tenant's and connected (another tenant's id is a 404). */
export async function sendingNumbers(db: Executor, tenantId: string, ids: string[]) {
  const found = await numbersByIds(db, ids);
  const list = [...new Set(ids)].map((id) => found.get(id));
  for (const number of list)
    if (!number || number.tenantId !== tenantId) throw notFound("Phone number", "phone_number_not_found");
  const numbers = list as NonNullable<(typeof list)[number]>[];
  const disconnected = numbers.find((number) => number.status !== "connected");
  if (disconnected)
    throw unprocessable(
      "number_not_connected",
      `${disconnected.displayPhoneNumber} is ${disconnected.status}`,
    );
  return numbers;
}

export async function createCampaign(db: Executor, tenantId: string, input: CreateCampaignInput) {
  const numbers = await sendingNumbers(db, tenantId, input.phoneNumberIds);
  const templates = await checkedTemplates(
    db,
    tenantId,
    input.variants,
    new Set(numbers.map((number) => number.accountId)),
  );
  firstRunAt(input.schedule);
  const marketing = templates[0]!.category === "MARKETING";
  const frequencyCap: FrequencyCap | null =
    input.frequencyCap === undefined ? (marketing ? DEFAULT_FREQUENCY_CAP : null) : input.frequencyCap;
  const [row] = await db
    .insert(campaigns)
    .values({
      tenantId,
      name: input.name,
      content: { variants: input.variants },
      audience: input.audience,
      phoneNumberIds: numbers.map((number) => number.id),
      schedule: input.schedule,
      frequencyCap,
    })
    .returning();
  return row!;
}

/** A campaign with its counters exact; `lock` holds its row (for a change) with the pending deltas folded in. */
export async function getCampaign(db: Executor, tenantId: string, id: string, lock = false) {
  const [row] = lock
    ? [await foldCounters(db, id, tenantId)]
    : await campaignsWithCounters(db, sql`c.tenant_id = ${tenantId} and c.id = ${id}`);
  if (!row) throw notFound("Campaign", "campaign_not_found");
  return row;
}

export async function listCampaigns(db: Executor, tenantId: string, before?: Date, limit = 50) {
  return campaignsWithCounters(
    db,
    sql`c.tenant_id = ${tenantId} ${before ? sql`and c.created_at < ${before.toISOString()}::timestamptz` : sql``}`,
    sql`order by c.created_at desc limit ${limit}`,
  );
}

/** What the API and the events show of a campaign: settings, state and counters. */
export function campaignView(row: CampaignRow) {
  const { tenantId: _tenant, cursor: _cursor, costMicros, ...rest } = row;
  return {
    ...rest,
    cost: (costMicros / 1_000_000).toFixed(6),
    costMicros,
    outstanding: Math.max(0, row.queued - row.sent - row.failed),
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

/** Failures by Meta's error code and skips by reason (read from the recipients; indexed by status). */
export async function campaignBreakdown(db: Executor, campaignId: string) {
  const result = await db.execute(sql`
    select status, coalesce(skip_reason, error_code::text, 'unknown') as key, count(*)::int as count
    from ${campaignRecipients}
    where campaign_id = ${campaignId} and status in ('skipped', 'failed', 'deferred')
    group by 1, 2`);
  const failedByCode: Record<string, number> = {};
  const skippedByReason: Record<string, number> = {};
  let deferred = 0;
  for (const row of rowsOf<{ status: string; key: string; count: number }>(result)) {
    if (row.status === "failed") failedByCode[row.key] = Number(row.count);
    else if (row.status === "skipped") skippedByReason[row.key] = Number(row.count);
    else deferred += Number(row.count);
  }
  return { failedByCode, skippedByReason, deferred };
}
