import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { badRequest, notFound } from "../../lib/problem.ts";
import { campaignNames } from "../campaigns/index.ts";
import { numbersByIds } from "../numbers/index.ts";
import { templateLabels } from "../templates/index.ts";

export type Bucket = "hour" | "day" | "week" | "month";

/** What every report takes: a period, a timezone and optional dimension filters. */
export interface ReportQuery {
  from: Date;
  to: Date;
  tz: string;
  numberId?: string | undefined;
  templateId?: string | undefined;
  campaignId?: string | undefined;
  category?: string | undefined;
  market?: string | undefined;
}

const MAX_BUCKETS = 2_000;
const BUCKET_MS: Record<Bucket, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 28 * 86_400_000,
};

/** Refuses a period that is empty, too long for its buckets, or in an unknown timezone. */
export function checkPeriod(query: ReportQuery, bucket: Bucket = "day"): void {
  if (!(query.from < query.to)) throw badRequest("analytics_bad_period", "`from` must be before `to`");
  if ((query.to.getTime() - query.from.getTime()) / BUCKET_MS[bucket] > MAX_BUCKETS)
    throw badRequest("analytics_too_many_buckets", `At most ${MAX_BUCKETS} ${bucket} buckets per request`);
  try {
    new Intl.DateTimeFormat("en", { timeZone: query.tz });
  } catch {
    throw badRequest("analytics_bad_timezone", `Unknown timezone ${query.tz}`);
  }
}

/** The filters' ids must be the tenant's own: another tenant's number, template or campaign is a 404. */
export async function checkOwnership(db: Executor, tenantId: string, query: ReportQuery): Promise<void> {
  if (query.numberId) {
    const number = (await numbersByIds(db, [query.numberId])).get(query.numberId);
    if (number?.tenantId !== tenantId) throw notFound("Phone number", "phone_number_not_found");
  }
  if (query.templateId && !(await templateLabels(db, tenantId, [query.templateId])).has(query.templateId))
    throw notFound("Template", "template_not_found");
  if (query.campaignId && !(await campaignNames(db, tenantId, [query.campaignId])).has(query.campaignId))
    throw notFound("Campaign", "campaign_not_found");
}

/**
 * The tenant and dimension filters of a rollup read (no period). Failure rollups have no category
 * or market: those filters do not apply to them.
 */
export function dimensionWhere(tenantId: string, query: ReportQuery, failures = false): SQL {
  const parts = [sql`tenant_id = ${tenantId}`];
  if (query.numberId) parts.push(sql`phone_number_id = ${query.numberId}`);
  if (query.templateId) parts.push(sql`template_id = ${query.templateId}`);
  if (query.campaignId) parts.push(sql`campaign_id = ${query.campaignId}`);
  if (query.category && !failures) parts.push(sql`category = ${query.category.toLowerCase()}`);
  if (query.market && !failures) parts.push(sql`market = ${query.market}`);
  return sql.join(parts, sql` and `);
}
