import { z } from "zod";
import type { Services } from "../../app/services.ts";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { badRequest } from "../../lib/problem.ts";
import { eventPatternRegex, eventTypes } from "./events.ts";
import { deliveryStatuses } from "./schema.ts";
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  isCursor,
  listDeliveries,
  listSubscriptions,
  replayDelivery,
  rotateSecret,
  sendTestEvent,
  updateSubscription,
} from "./service.ts";
import { webhookSettings } from "./settings.ts";
import { checkWebhookUrl } from "./url-policy.ts";

const MANAGE = ["tenant_admin", "developer"] as const;
const READ = ["tenant_admin", "developer", "analyst"] as const;

const webhookOut = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  description: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const deliveryOut = z.object({
  id: z.uuid(),
  subscriptionId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  batchId: z.uuid().nullable(),
  createdAt: z.date(),
});
const url = z.url({ protocol: /^https?$/, error: "an absolute http(s) URL" }).max(2048);
const patterns = z
  .array(z.string().max(100).regex(eventPatternRegex, 'an event type, "prefix.*" or "*"'))
  .min(1)
  .max(50);
const description = z.string().trim().max(500).nullable();
const idParams = z.object({ id: z.uuid() });
const secretNote = "Store it now: it is shown only once. Verify Charla-Signature with it.";

export const webhooksRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  const { allowPrivateHosts } = webhookSettings(services.config);

  app.get(
    "/webhook-event-types",
    {
      schema: {
        tags: ["webhooks"],
        summary: "The event types webhooks can subscribe to",
        response: {
          200: z.object({ data: z.array(z.object({ type: z.string(), description: z.string() })) }),
        },
      },
    },
    async (request) => {
      requireRole(request, ...READ);
      return { data: Object.entries(eventTypes).map(([type, text]) => ({ type, description: text })) };
    },
  );

  app.post(
    "/webhooks",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Subscribe a URL to events; the signing secret is shown once",
        body: z.object({
          url,
          eventTypes: patterns,
          description: description.optional(),
          active: z.boolean().default(true),
        }),
        response: { 201: z.object({ webhook: webhookOut, secret: z.string(), note: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...MANAGE);
      const checked = await checkWebhookUrl(request.body.url, allowPrivateHosts);
      const created = await createSubscription(
        services,
        principal.tenant.id,
        { ...request.body, url: checked },
        principal.actor,
      );
      return reply.code(201).send({ ...created, note: secretNote });
    },
  );

  app.get(
    "/webhooks",
    {
      schema: {
        tags: ["webhooks"],
        summary: "List the tenant's webhooks",
        response: { 200: z.object({ data: z.array(webhookOut) }) },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READ);
      return { data: await listSubscriptions(db, tenant.id) };
    },
  );

  app.get(
    "/webhooks/:id",
    {
      schema: {
        tags: ["webhooks"],
        summary: "One webhook",
        params: idParams,
        response: { 200: webhookOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READ);
      return getSubscription(db, tenant.id, request.params.id);
    },
  );

  app.patch(
    "/webhooks/:id",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Change a webhook's URL, events, description or pause/resume it",
        params: idParams,
        body: z
          .object({ url, eventTypes: patterns, description, active: z.boolean() })
          .partial()
          .refine((body) => Object.keys(body).length > 0, "send at least one field"),
        response: { 200: webhookOut },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...MANAGE);
      const patch = { ...request.body };
      if (patch.url !== undefined) patch.url = await checkWebhookUrl(patch.url, allowPrivateHosts);
      return updateSubscription(services, principal.tenant.id, request.params.id, patch, principal.actor);
    },
  );

  app.delete(
    "/webhooks/:id",
    { schema: { tags: ["webhooks"], summary: "Delete a webhook and its deliveries", params: idParams } },
    async (request, reply) => {
      const principal = requireRole(request, ...MANAGE);
      await deleteSubscription(db, principal.tenant.id, request.params.id, principal.actor);
      return reply.code(204).send();
    },
  );

  app.post(
    "/webhooks/:id/rotate-secret",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Replace the signing secret; the new one is shown once and the old one stops at once",
        params: idParams,
        response: { 200: z.object({ secret: z.string(), note: z.string() }) },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...MANAGE);
      const { secret } = await rotateSecret(
        services,
        principal.tenant.id,
        request.params.id,
        principal.actor,
      );
      return { secret, note: secretNote };
    },
  );

  deliveryRoutes(app, services);
};

/** Test events, a webhook's deliveries and their replay. */
function deliveryRoutes(app: ZodApp, services: Services) {
  const { db } = services.database;
  app.post(
    "/webhooks/:id/test",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Send a webhook.test event to this webhook",
        params: idParams,
        response: { 202: z.object({ eventId: z.uuid(), deliveryId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, ...MANAGE);
      const { event, deliveryId } = await sendTestEvent(services, tenant.id, request.params.id);
      return reply.code(202).send({ eventId: event.id, deliveryId });
    },
  );

  app.get(
    "/webhooks/:id/deliveries",
    {
      schema: {
        tags: ["webhooks"],
        summary: "A webhook's deliveries, newest first",
        params: idParams,
        querystring: z.object({
          status: z.enum(deliveryStatuses).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ data: z.array(deliveryOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...READ);
      const { cursor } = request.query;
      if (cursor !== undefined && !isCursor(cursor))
        throw badRequest("invalid_cursor", "The cursor is not one this API returned");
      return listDeliveries(db, tenant.id, request.params.id, request.query);
    },
  );

  app.post(
    "/webhook-deliveries/:id/replay",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Send one delivery again, even if it was delivered",
        params: idParams,
        response: { 202: deliveryOut },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...MANAGE);
      const delivery = await replayDelivery(
        services,
        principal.tenant.id,
        request.params.id,
        principal.actor,
      );
      return reply.code(202).send(delivery);
    },
  );
}
