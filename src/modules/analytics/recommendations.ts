import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { campaignNames } from "../campaigns/index.ts";
import { templateLabels } from "../templates/index.ts";
import { liveDashboard } from "./live.ts";
import { rollupRows } from "./ranges.ts";

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Below these volumes a rate says too little to act on. */
const MIN_DELIVERED = 20;
const MIN_FAILED = 10;

export interface Recommendation {
  kind: "best_hour" | "template_declining" | "number_near_limit" | "campaign_failure_fix";
  title_key: string;
  params: Record<string, string | number | null>;
  figures: Record<string, number | null>;
}

/** What a failure code says to do (Meta's codes; 131026: the number is not on WhatsApp or cannot receive). */
const FIXES: Record<number, string> = {
  131026: "clean_list",
  131049: "reduce_marketing_frequency",
  131047: "reengage_with_template",
  131050: "respect_opt_out",
  132001: "check_template",
  130472: "experiment_group",
};

/**
 * The hour of day (in `tz`) with the best read rate per template, over the last 28 days, from the
 * per-template rollup (the local hour is worked out once per hour of the period, not once per row).
 */
async function bestHours(db: Executor, tenantId: string, tz: string): Promise<Recommendation[]> {
  const rows = rowsOf<{ template_id: string; local_hour: number; delivered: number; read: number }>(
    await db.execute(sql`
      with hours as (
        select h, extract(hour from h at time zone ${tz})::int as local_hour
        from generate_series(date_trunc('hour', now() - interval '28 days'), now(), interval '1 hour') h
      )
      select template_id, local_hour, sum(delivered)::float8 as delivered, sum(read)::float8 as read
      from analytics_template_hourly x join hours on hours.h = x.hour
      where tenant_id = ${tenantId} and hour >= now() - interval '28 days'
      group by 1, 2`),
  );
  const byTemplate = new Map<string, typeof rows>();
  for (const row of rows) byTemplate.set(row.template_id, [...(byTemplate.get(row.template_id) ?? []), row]);
  const names = await templateLabels(db, tenantId, [...byTemplate.keys()]);
  return [...byTemplate].flatMap(([templateId, hours]) => {
    const delivered = hours.reduce((sum, row) => sum + Number(row.delivered), 0);
    const read = hours.reduce((sum, row) => sum + Number(row.read), 0);
    const candidates = hours.filter((row) => Number(row.delivered) >= MIN_DELIVERED);
    if (candidates.length < 2 || delivered === 0) return [];
    const rate = (row: (typeof hours)[number]) => Number(row.read) / Number(row.delivered);
    const best = candidates.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    const overall = read / delivered;
    if (rate(best) <= overall * 1.1) return [];
    return [
      {
        kind: "best_hour" as const,
        title_key: "analytics.recommendations.best_hour",
        params: {
          template_id: templateId,
          template: names.get(templateId)?.name ?? null,
          hour: best.local_hour,
          tz,
        },
        figures: { read_rate: rate(best), overall_read_rate: overall, delivered: Number(best.delivered) },
      },
    ];
  });
}

/** Per template: delivered, read and replies of a period (whole hours from `from`). */
const templateRows = (tenantId: string, from: number, to: number) =>
  rollupRows(
    tenantId,
    { from: new Date(from), to: new Date(Math.ceil(to / HOUR) * HOUR), tz: "UTC" },
    {
      table: "message",
      bucket: "all",
      dimensions: ["template_id"],
      counters: ["delivered", "read", "replies"],
    },
  );

/** Templates whose read or reply rate fell by a fifth or more (last 7 days vs the 7 before), or whose quality dropped. */
async function decliningTemplates(db: Executor, tenantId: string, now: Date): Promise<Recommendation[]> {
  const rows = rowsOf<{
    template_id: string;
    recent: boolean;
    delivered: number;
    read: number;
    replies: number;
  }>(
    await db.execute(sql`
      select template_id, recent, sum(delivered)::float8 as delivered, sum(read)::float8 as read,
        sum(replies)::float8 as replies
      from (
        select true as recent, * from ${templateRows(tenantId, now.getTime() - 7 * DAY, now.getTime())} r
        union all
        select false, * from ${templateRows(tenantId, now.getTime() - 14 * DAY, now.getTime() - 7 * DAY)} r
      ) r
      where template_id is not null group by 1, 2`),
  );
  const ids = [...new Set(rows.map((row) => row.template_id))];
  const labels = await templateLabels(db, tenantId, ids);
  return ids.flatMap((id) => {
    const recent = rows.find((row) => row.template_id === id && row.recent);
    const before = rows.find((row) => row.template_id === id && !row.recent);
    const label = labels.get(id);
    const quality = label?.qualityScore ?? null;
    const lowQuality = quality !== null && /RED|YELLOW|LOW|MEDIUM/i.test(quality);
    let figures: Recommendation["figures"] | null = null;
    if (
      recent &&
      before &&
      Number(recent.delivered) >= MIN_DELIVERED &&
      Number(before.delivered) >= MIN_DELIVERED
    ) {
      const readNow = Number(recent.read) / Number(recent.delivered);
      const readBefore = Number(before.read) / Number(before.delivered);
      const replyNow = Number(recent.replies) / Number(recent.delivered);
      const replyBefore = Number(before.replies) / Number(before.delivered);
      if (readNow <= readBefore * 0.8 || (replyBefore > 0 && replyNow <= replyBefore * 0.8))
        figures = {
          read_rate: readNow,
          previous_read_rate: readBefore,
          reply_rate: replyNow,
          previous_reply_rate: replyBefore,
        };
    }
    if (!figures && !lowQuality) return [];
    return [
      {
        kind: "template_declining" as const,
        title_key: "analytics.recommendations.template_declining",
        params: { template_id: id, template: label?.name ?? null, quality },
        figures: figures ?? {},
      },
    ];
  });
}

/** Campaigns of the last 30 days whose failures point at a fix (at least MIN_FAILED and 5% of sends). */
async function campaignFixes(db: Executor, tenantId: string, now: Date): Promise<Recommendation[]> {
  const period = {
    from: new Date(now.getTime() - 30 * DAY),
    to: new Date(Math.ceil(now.getTime() / HOUR) * HOUR),
    tz: "UTC",
  };
  const rows = rowsOf<{ campaign_id: string; error_code: number; failed: number; sent: number }>(
    await db.execute(sql`
      with failures as (
        select campaign_id, error_code, sum(failed)::float8 as failed
        from ${rollupRows(tenantId, period, { table: "failure", bucket: "all", dimensions: ["campaign_id", "error_code"], counters: ["failed"] })} r
        where campaign_id is not null group by 1, 2 having sum(failed) > 0
      ), sends as (
        select campaign_id, (sum(sent) + sum(failed))::float8 as sent
        from ${rollupRows(tenantId, period, { table: "message", bucket: "all", dimensions: ["campaign_id"], counters: ["sent", "failed"] })} r
        where campaign_id is not null group by 1
      )
      select f.campaign_id, f.error_code, f.failed, coalesce(s.sent, 0) as sent
      from failures f left join sends s using (campaign_id) order by f.failed desc`),
  );
  const fixable = rows.filter(
    (row) => FIXES[row.error_code] && row.failed >= MIN_FAILED && row.failed >= 0.05 * Number(row.sent),
  );
  const names = await campaignNames(
    db,
    tenantId,
    fixable.map((row) => row.campaign_id),
  );
  return fixable.map((row) => ({
    kind: "campaign_failure_fix" as const,
    title_key: `analytics.recommendations.fix.${FIXES[row.error_code]}`,
    params: {
      campaign_id: row.campaign_id,
      campaign: names.get(row.campaign_id) ?? null,
      error_code: row.error_code,
    },
    figures: {
      failed: Number(row.failed),
      attempted: Number(row.sent),
      failure_share: Number(row.failed) / Math.max(1, Number(row.sent)),
    },
  }));
}

/** Every recommendation for a tenant, each with the figures behind it. */
export async function recommendations(db: Executor, tenantId: string, tz: string) {
  const now = new Date();
  const live = await liveDashboard(db, tenantId, tz);
  const nearLimit: Recommendation[] =
    live.messaging_limit.use !== null && live.messaging_limit.use >= 0.8
      ? [
          {
            kind: "number_near_limit",
            title_key: "analytics.recommendations.number_near_limit",
            params: { tier: live.messaging_limit.tier },
            figures: {
              sent_24h: live.messaging_limit.sent_24h,
              limit: live.messaging_limit.limit,
              use: live.messaging_limit.use,
            },
          },
        ]
      : [];
  const busy = live.numbers
    .filter((number) => number.throughput_use >= 0.8)
    .map((number) => ({
      kind: "number_near_limit" as const,
      title_key: "analytics.recommendations.number_near_throughput",
      params: { phone_number_id: number.phone_number_id, number: number.display_phone_number },
      figures: {
        peak_minute_sent: number.peak_minute_sent,
        per_minute_capacity: number.throughput_per_second * 60,
        use: number.throughput_use,
      },
    }));
  return {
    items: [
      ...(await bestHours(db, tenantId, tz)),
      ...(await decliningTemplates(db, tenantId, now)),
      ...nearLimit,
      ...busy,
      ...(await campaignFixes(db, tenantId, now)),
    ],
  };
}
