import { z } from "zod";
import type { Services } from "../../app/services.ts";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { breakdown, DIMENSIONS } from "./breakdown.ts";
import { breakdownCsv, businessMetrics, seriesCsv } from "./export.ts";
import { type Bucket, checkOwnership, checkPeriod, type ReportQuery } from "./filters.ts";
import { liveDashboard } from "./live.ts";
import { agentsReport, botsReport } from "./people.ts";
import { recommendations } from "./recommendations.ts";
import { messagesReport } from "./series.ts";

const tags = ["analytics"];
const READERS = ["tenant_admin", "analyst"] as const;
const DAY = 86_400_000;

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const period = {
  from: instant
    .optional()
    .describe("start (inclusive, rounded down to the hour); default: 30 days before `to`"),
  to: instant.optional().describe("end (exclusive); default: now, rounded up to the hour"),
  tz: z.string().min(1).max(64).default("UTC").describe("IANA timezone of day, week and month buckets"),
};
const filters = {
  ...period,
  number_id: z.uuid().optional(),
  template_id: z.uuid().optional(),
  campaign_id: z.uuid().optional(),
  category: z.string().max(32).optional(),
  market: z.string().max(64).optional(),
};
const messagesQuery = z.object({
  ...filters,
  bucket: z.enum(["hour", "day", "week", "month"]).default("day"),
  compare: z.enum(["previous"]).optional().describe("also the totals of the previous period of equal length"),
});
const breakdownQuery = z.object({ ...filters, dimension: z.enum(DIMENSIONS) });

/** Money in analytics is micro-units of the wallet currency (1 USD = 1,000,000), as billing keeps it. */
const micros = (what: string) =>
  z.number().describe(`${what}, in micro-units of \`currency\` (1,000,000 = 1 unit)`);
const counts = {
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  failed: z.number(),
  replies: z.number(),
  cost_micros: micros("Meta's cost"),
  markup_micros: micros("The markup"),
};
const totals = z.object({
  ...counts,
  delivery_rate: z.number().nullable(),
  read_rate: z.number().nullable(),
});
const messagesOut = z.object({
  buckets: z.array(z.object({ start: z.string(), ...counts })),
  totals,
  previous: z.object({ totals }).optional(),
  currency: z.string(),
});
const breakdownOut = z.object({
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      label: z.string(),
      sent: z.number(),
      delivered: z.number(),
      read: z.number(),
      failed: z.number(),
      cost_micros: micros("Meta's cost"),
    }),
  ),
});

type Query = z.infer<typeof messagesQuery> | z.infer<typeof breakdownQuery> | z.infer<typeof periodSchema>;
const periodSchema = z.object(period);

/** The request's period and filters; the period in whole UTC hours (the rollups' grain). */
function reportQuery(query: Query): ReportQuery {
  const to = query.to ?? new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = query.from ?? new Date(to.getTime() - 30 * DAY);
  const q = query as Partial<z.infer<typeof breakdownQuery>>;
  return {
    from: new Date(Math.floor(from.getTime() / 3_600_000) * 3_600_000),
    to: new Date(Math.ceil(to.getTime() / 3_600_000) * 3_600_000),
    tz: query.tz,
    numberId: q.number_id,
    templateId: q.template_id,
    campaignId: q.campaign_id,
    category: q.category,
    market: q.market,
  };
}

type Checked = (tenantId: string, query: Query, bucket?: Bucket) => Promise<ReportQuery>;

export const analyticsRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  const checked: Checked = async (tenantId, query, bucket) => {
    const report = reportQuery(query);
    checkPeriod(report, bucket);
    await checkOwnership(db, tenantId, report);
    return report;
  };
  reportRoutes(app, services, checked);
  dashboardRoutes(app, services, checked);
};

/** Messages series and breakdowns, as JSON and CSV. */
function reportRoutes(app: ZodApp, services: Services, checked: Checked) {
  const { db } = services.database;

  const messagesSchema = {
    tags,
    summary:
      "Messages over time: sent, delivered, read, failed, replies, cost and markup per bucket, from the rollups",
    description:
      "Buckets: hour (UTC hours), day, week (Monday) and month in `tz`. In a timezone whose offset is not whole hours, each UTC hour counts in the local day it starts in.",
    querystring: messagesQuery,
  };
  app.get(
    "/analytics/messages",
    { schema: { ...messagesSchema, response: { 200: messagesOut } } },
    async (request) => {
      const { tenant } = requireRole(request, ...READERS);
      const query = await checked(tenant.id, request.query, request.query.bucket);
      return messagesReport(db, tenant.id, query, request.query.bucket, request.query.compare === "previous");
    },
  );
  app.get(
    "/analytics/messages.csv",
    { schema: { ...messagesSchema, summary: "The messages series as CSV" } },
    async (request, reply) => {
      const { tenant } = requireRole(request, ...READERS);
      const query = await checked(tenant.id, request.query, request.query.bucket);
      const report = await messagesReport(db, tenant.id, query, request.query.bucket, false);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="messages.csv"')
        .send(seriesCsv(report.buckets));
    },
  );

  const breakdownSchema = {
    tags,
    summary: "Totals of the period per number, template, campaign, category, market or failure error code",
    querystring: breakdownQuery,
  };
  app.get(
    "/analytics/breakdown",
    { schema: { ...breakdownSchema, response: { 200: breakdownOut } } },
    async (request) => {
      const { tenant } = requireRole(request, ...READERS);
      const query = await checked(tenant.id, request.query);
      return { rows: await breakdown(db, tenant.id, query, request.query.dimension) };
    },
  );
  app.get(
    "/analytics/breakdown.csv",
    { schema: { ...breakdownSchema, summary: "The breakdown as CSV" } },
    async (request, reply) => {
      const { tenant } = requireRole(request, ...READERS);
      const query = await checked(tenant.id, request.query);
      const rows = await breakdown(db, tenant.id, query, request.query.dimension);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="breakdown-${request.query.dimension}.csv"`)
        .send(breakdownCsv(rows));
    },
  );
}

/** Agents, bots, the live dashboard, recommendations and the Prometheus export. */
function dashboardRoutes(app: ZodApp, services: Services, checked: Checked) {
  const { db } = services.database;
  app.get(
    "/analytics/agents",
    {
      schema: {
        tags,
        summary:
          "Per agent: conversations resolved, median first-response and resolution times (seconds), CSAT",
        querystring: periodSchema,
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                user_id: z.string(),
                name: z.string(),
                conversations_handled: z.number(),
                first_response_p50_s: z.number().nullable(),
                resolution_p50_s: z.number().nullable(),
                csat_avg: z.number().nullable(),
                csat_count: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READERS);
      const query = await checked(tenant.id, request.query);
      return agentsReport(db, tenant.id, query.from, query.to);
    },
  );

  app.get(
    "/analytics/bots",
    {
      schema: {
        tags,
        summary: "Per bot flow: sessions started, completed and handed over to a person",
        querystring: periodSchema,
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                flow_id: z.string(),
                name: z.string(),
                sessions: z.number(),
                completions: z.number(),
                handovers: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READERS);
      const query = await checked(tenant.id, request.query);
      return botsReport(db, tenant.id, query.from, query.to);
    },
  );

  app.get(
    "/analytics/live",
    {
      schema: {
        tags,
        summary:
          "Live dashboard: today's totals and rates, the last 60 minutes per minute, failures by reason, spend against balance, numbers' throughput and the messaging limit, inbox load",
        description:
          "Open dashboards re-fetch on the `analytics.updated` event of GET /v1/events/stream (at most one a second).",
        querystring: z.object({ tz: period.tz }),
        response: { 200: liveOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READERS, "agent");
      checkPeriod({ from: new Date(0), to: new Date(1), tz: request.query.tz }, "month");
      return liveDashboard(db, tenant.id, request.query.tz);
    },
  );

  app.get(
    "/analytics/recommendations",
    {
      schema: {
        tags,
        summary:
          "Recommendations, each with the figures behind it: best hour per template, declining templates, limits, campaign failure fixes",
        querystring: z.object({ tz: period.tz }),
        response: { 200: recommendationsOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READERS);
      checkPeriod({ from: new Date(0), to: new Date(1), tz: request.query.tz }, "month");
      return recommendations(db, tenant.id, request.query.tz);
    },
  );

  app.get(
    "/analytics/metrics",
    {
      schema: {
        tags,
        summary:
          "The tenant's business metrics in Prometheus text format (scrape with an API key as a bearer token)",
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, ...READERS, "developer");
      return reply
        .type("text/plain; version=0.0.4; charset=utf-8")
        .send(await businessMetrics(db, tenant.id));
    },
  );
}

const liveOut = z.object({
  at: z.string(),
  today: totals,
  per_minute: z.array(
    z.object({
      minute: z.string(),
      sent: z.number(),
      delivered: z.number(),
      read: z.number(),
      failed: z.number(),
    }),
  ),
  failures_by_reason: z.array(z.object({ error_code: z.number(), failed: z.number() })),
  spend: z.object({
    currency: z.string(),
    today_micros: micros("Today's cost and markup"),
    balance_micros: micros("The wallet's balance"),
  }),
  numbers: z.array(
    z.object({
      phone_number_id: z.string(),
      display_phone_number: z.string(),
      tier: z.string().nullable(),
      throughput_per_second: z.number(),
      peak_minute_sent: z.number(),
      throughput_use: z.number(),
    }),
  ),
  messaging_limit: z.object({
    limit: z.number().nullable().describe("Business-initiated conversations per 24 hours (null: unlimited)"),
    tier: z.string().nullable().describe("The tier that sets the limit: the highest of the numbers'"),
    sent_24h: z.number(),
    use: z.number().nullable(),
  }),
  inbox: z.object({ open: z.number(), unassigned: z.number(), oldestWaitingSeconds: z.number().nullable() }),
});
const recommendationsOut = z.object({
  items: z.array(
    z.object({
      kind: z.enum(["best_hour", "template_declining", "number_near_limit", "campaign_failure_fix"]),
      title_key: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      figures: z.record(z.string(), z.number().nullable()),
    }),
  ),
});
