import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { notFound } from "../../lib/problem.ts";
import { numbersByIds } from "../numbers/index.ts";
import { changeCampaign, launchCampaign, previewCampaign } from "./lifecycle.ts";
import { messagingBudget } from "./pacing.ts";
import { checkCursor, followClick, RECIPIENT_STATUSES, recipientsCsv, recipientsPage } from "./recipients.ts";
import { campaignBreakdown, campaignView, createCampaign, getCampaign, listCampaigns } from "./service.ts";
import { CreateCampaignSchema } from "./types.ts";

const tags = ["campaigns"];
const idParams = z.object({ id: z.uuid() });
const campaignOut = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
  queued: z.number(),
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  replied: z.number(),
  failed: z.number(),
  skipped: z.number(),
  clicked: z.number(),
  cost: z.string(),
  metaRetries: z.record(z.string(), z.number()),
});
const WRITERS = ["tenant_admin", "developer"] as const;

export const campaignsRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;

  app.post(
    "/campaigns",
    {
      schema: {
        tags,
        summary:
          "Create a campaign (draft): template variants with an A/B split, parameters mapped from contact fields, audience, numbers, schedule",
        body: CreateCampaignSchema,
        response: { 201: campaignOut },
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, ...WRITERS);
      reply.code(201);
      return campaignView(await createCampaign(db, tenant.id, request.body));
    },
  );

  app.get(
    "/campaigns",
    {
      schema: {
        tags,
        summary: "The tenant's campaigns, newest first",
        querystring: z.object({ before: z.iso.datetime().optional() }),
        response: { 200: z.object({ data: z.array(campaignOut) }) },
      },
    },
    async (request) => {
      const before = request.query.before ? new Date(request.query.before) : undefined;
      const rows = await listCampaigns(db, principalOf(request).tenant.id, before);
      return { data: rows.map(campaignView) };
    },
  );

  app.get(
    "/campaigns/:id",
    {
      schema: {
        tags,
        summary:
          "A campaign with its counters, failures by Meta error code, skips by reason and the remaining messaging budget",
        params: idParams,
        response: { 200: campaignOut },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      const row = await getCampaign(db, tenant.id, request.params.id);
      const numbers = [...(await numbersByIds(db, row.phoneNumberIds)).values()];
      return {
        ...campaignView(row),
        ...(await campaignBreakdown(db, row.id)),
        budget: await messagingBudget(db, tenant.id, numbers),
      };
    },
  );

  app.post(
    "/campaigns/:id/preview",
    {
      schema: {
        tags,
        summary:
          "Before launch: audience size, exclusions by reason, cost by market (rate card and markup), wallet and messaging budget",
        params: idParams,
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...WRITERS);
      return previewCampaign(services, tenant.id, request.params.id);
    },
  );

  app.post(
    "/campaigns/:id/launch",
    {
      schema: {
        tags,
        summary:
          "Launch a draft (now, at its time, or on its cron); 402 insufficient_balance when the wallet is short",
        params: idParams,
        response: { 200: campaignOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...WRITERS);
      return campaignView(await launchCampaign(services, tenant.id, request.params.id));
    },
  );

  for (const action of ["pause", "resume", "cancel"] as const)
    app.post(
      `/campaigns/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} the campaign (takes effect within a second)`,
          params: idParams,
          response: { 200: campaignOut },
        },
      },
      async (request) => {
        const { tenant } = requireRole(request, ...WRITERS);
        return campaignView(await changeCampaign(services, tenant.id, request.params.id, action));
      },
    );

  app.get(
    "/campaigns/:id/recipients",
    {
      schema: {
        tags,
        summary: "The campaign's recipients with their status (keyset pages over the contact id)",
        params: idParams,
        querystring: z.object({
          status: z.enum(RECIPIENT_STATUSES).optional(),
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      const row = await getCampaign(db, principalOf(request).tenant.id, request.params.id);
      checkCursor(request.query.cursor);
      return recipientsPage(db, row.id, { ...request.query, after: request.query.cursor });
    },
  );

  app.get(
    "/campaigns/:id/recipients.csv",
    { schema: { tags, summary: "Every recipient and its status as CSV (streamed)", params: idParams } },
    async (request, reply) => {
      const row = await getCampaign(db, principalOf(request).tenant.id, request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="campaign-${row.id}.csv"`)
        .send(recipientsCsv(db, row.id));
    },
  );
};

/** Charla's redirect link of URL buttons: `/c/{token}` counts the recipient's click, then redirects. */
export const campaignClickRoutes: ModuleRoutes = (app, { database }) => {
  app.get(
    "/c/:token",
    {
      schema: {
        tags,
        summary: "A campaign URL button's redirect link: counts the click per recipient",
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) }),
      },
    },
    async (request, reply) => {
      const target = await followClick(database.db, request.params.token);
      if (!target) throw notFound("Link", "link_not_found");
      return reply.redirect(target, 302);
    },
  );
};
