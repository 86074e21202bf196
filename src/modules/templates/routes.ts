import { z } from "zod";
import type { Services } from "../../app/services.ts";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { scheduleJob } from "../../jobs/queue.ts";
import { syncTemplates } from "./meta.ts";
import { TEMPLATE_SYNC_QUEUE } from "./queues.ts";
import {
  AUTHOR,
  createBody,
  definitionOf,
  idParams,
  page,
  reviewItemOut,
  syncOut,
  templateDetailOut,
  templateOut,
  updateBody,
} from "./route-schemas.ts";
import { templateStatuses } from "./schema.ts";
import {
  approveTemplate,
  createTemplate,
  deleteTemplate,
  getTemplate,
  getTemplateWithHistory,
  listTemplates,
  previewTemplate,
  rejectTemplate,
  reviewQueue,
  updateTemplate,
} from "./service.ts";
import { templateSettings } from "./settings.ts";
import { TEMPLATE_CATEGORIES } from "./types.ts";

/** Creating a template (and submitting it to review). */
function authorRoutes(app: ZodApp, services: Services) {
  app.post(
    "/templates",
    {
      schema: {
        tags: ["templates"],
        summary: "Create a template (one per name and language) and run the platform policy review",
        description:
          "Validated against WhatsApp's template rules (422 `template_invalid` with per-field errors), then " +
          "reviewed at once against the platform policy: blocking findings reject it (`policy_rejected`, " +
          "findings stored); otherwise it waits for a platform admin (`in_review`), or is submitted to Meta " +
          "directly when it has no finding and TEMPLATE_AUTO_APPROVE_CLEAN is on.",
        body: createBody,
        response: { 201: templateOut },
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, ...AUTHOR);
      const body = request.body as Record<string, unknown>;
      const row = await createTemplate(
        services,
        tenant.id,
        {
          accountId: request.body.accountId,
          wabaId: request.body.wabaId,
          draft: request.body.draft,
          definition: definitionOf(body),
        },
        actor,
      );
      return reply.code(201).send(row as z.infer<typeof templateOut>);
    },
  );
}

/** Reading, editing and deleting one of the tenant's templates, previews and the sync with Meta. */
function templateRoutes(app: ZodApp, services: Services) {
  const { db } = services.database;
  app.get(
    "/templates",
    {
      schema: {
        tags: ["templates"],
        summary: "The tenant's templates, newest first, with filters and cursor pagination",
        querystring: z.object({
          status: z.enum(templateStatuses).optional(),
          name: z.string().max(512).optional(),
          language: z.string().max(15).optional(),
          category: z.enum(TEMPLATE_CATEGORIES).optional(),
          accountId: z.uuid().optional(),
          ...page,
        }),
        response: { 200: z.object({ data: z.array(templateOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      return (await listTemplates(db, tenant.id, request.query)) as {
        data: z.infer<typeof templateOut>[];
        nextCursor: string | null;
      };
    },
  );

  app.post(
    "/templates/sync",
    {
      schema: {
        tags: ["templates"],
        summary:
          "Reconcile statuses, quality and rejection reasons with Meta now; import templates only Meta has",
        body: z.object({ accountId: z.uuid().optional() }).optional(),
        response: { 200: syncOut },
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, ...AUTHOR);
      return {
        data: await syncTemplates(
          services,
          { tenantId: tenant.id, accountId: request.body?.accountId },
          actor,
        ),
      };
    },
  );

  app.get(
    "/templates/:id",
    {
      schema: {
        tags: ["templates"],
        summary: "One template with its policy findings and status history",
        params: idParams,
        response: { 200: templateDetailOut },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      return (await getTemplateWithHistory(db, tenant.id, request.params.id)) as z.infer<
        typeof templateDetailOut
      >;
    },
  );

  app.patch(
    "/templates/:id",
    {
      schema: {
        tags: ["templates"],
        summary: "Edit a draft or rejected template: re-validated and sent back to review",
        params: idParams,
        body: updateBody,
        response: { 200: templateOut },
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, ...AUTHOR);
      const { draft, ...changes } = request.body as Record<string, unknown>;
      return (await updateTemplate(
        services,
        tenant.id,
        request.params.id,
        { draft: draft as boolean | undefined, changes },
        actor,
      )) as z.infer<typeof templateOut>;
    },
  );

  app.delete(
    "/templates/:id",
    {
      schema: {
        tags: ["templates"],
        summary: "Delete a template (at Meta too when it was submitted)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, ...AUTHOR);
      await deleteTemplate(services, tenant.id, request.params.id, actor);
      return reply.code(204).send();
    },
  );

  app.post(
    "/templates/:id/preview",
    {
      schema: {
        tags: ["templates"],
        summary: "Render a template with parameters: the Cloud API message and a plain-text preview",
        params: idParams,
        body: z.object({
          parameters: z
            .record(z.string().max(16), z.unknown())
            .optional()
            .describe("{ header?: {...}, body?: [..] | {name: value}, buttons?: [{ index, text }] }"),
          to: z.string().max(32).optional(),
        }),
        response: {
          200: z.object({
            message: z.object({
              messaging_product: z.literal("whatsapp"),
              to: z.string().optional(),
              type: z.literal("template"),
              template: z.record(z.string(), z.unknown()),
            }),
            preview: z.string(),
            sendable: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      const row = await getTemplate(db, tenant.id, request.params.id);
      const result = previewTemplate(row, request.body.parameters ?? {}, request.body.to);
      return result as unknown as {
        message: { messaging_product: "whatsapp"; type: "template"; template: Record<string, unknown> };
        preview: string;
        sendable: boolean;
      };
    },
  );
}

/** The platform review: platform admins act across tenants. */
function reviewRoutes(app: ZodApp, services: Services) {
  const { db } = services.database;
  // ---- platform review (platform admins act across tenants)

  app.get(
    "/admin/template-reviews",
    {
      schema: {
        tags: ["admin"],
        summary: "Templates of every tenant waiting for platform review, oldest first (platform admins)",
        querystring: z.object({ tenantId: z.uuid().optional(), ...page }),
        response: { 200: z.object({ data: z.array(reviewItemOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      requireRole(request);
      return (await reviewQueue(db, request.query)) as {
        data: z.infer<typeof reviewItemOut>[];
        nextCursor: string | null;
      };
    },
  );

  app.get(
    "/admin/templates/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Any tenant's template with findings and history (platform admins)",
        params: idParams,
        response: { 200: templateDetailOut },
      },
    },
    async (request) => {
      requireRole(request);
      return (await getTemplateWithHistory(db, null, request.params.id)) as z.infer<typeof templateDetailOut>;
    },
  );

  app.post(
    "/admin/templates/:id/approve",
    {
      schema: {
        tags: ["admin"],
        summary: "Approve a template after platform review and submit it to Meta (platform admins)",
        description:
          "Allowed from in_review, and from policy_rejected to override the automatic policy. The template " +
          "becomes `pending` (or what Meta answered). 422 `meta_submission_refused` when Meta refuses it " +
          "(the template is then `rejected` with Meta's message); 502 `meta_unavailable` leaves it in review.",
        params: idParams,
        body: z.object({ note: z.string().trim().max(1000).optional() }).optional(),
        response: { 200: templateOut },
      },
    },
    async (request) => {
      const { actor } = requireRole(request);
      return (await approveTemplate(services, request.params.id, actor, {
        note: request.body?.note,
      })) as z.infer<typeof templateOut>;
    },
  );

  app.post(
    "/admin/templates/:id/reject",
    {
      schema: {
        tags: ["admin"],
        summary: "Reject a template waiting for platform review, with the reason its author will see",
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(1000) }),
        response: { 200: templateOut },
      },
    },
    async (request) => {
      const { actor } = requireRole(request);
      return (await rejectTemplate(services, request.params.id, request.body.reason, actor)) as z.infer<
        typeof templateOut
      >;
    },
  );
}

export const templatesRoutes: ModuleRoutes = async (app, services) => {
  const settings = templateSettings(services.config);
  if (settings.syncCron) await scheduleJob(services.boss, TEMPLATE_SYNC_QUEUE, settings.syncCron, {});
  authorRoutes(app, services);
  templateRoutes(app, services);
  reviewRoutes(app, services);
};
