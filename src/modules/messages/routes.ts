import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import { validateBodyAs } from "../../http/body-validation.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { acceptMessageBatch, batchEnvelope, batchItemBody, MAX_BATCH } from "./batch.ts";
import { messageView } from "./events.ts";
import { sendMessageBody } from "./input.ts";
import { getMedia, getMessage, listMessages } from "./queries.ts";
import { messageStatuses } from "./schema.ts";
import { acceptMessage } from "./send.ts";

const messageOut = z.looseObject({
  id: z.uuid(),
  status: z.enum(messageStatuses),
  direction: z.enum(["outbound", "inbound"]),
  type: z.string(),
  wamid: z.string().nullable(),
  contactId: z.uuid(),
  phoneNumberId: z.uuid(),
  createdAt: z.date(),
});

export const messagesRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;

  app.post(
    "/messages",
    {
      schema: {
        tags: ["messages"],
        summary: "Send a message (text, media, location, contacts, reaction, interactive or template)",
        description:
          "Checked at once (consent, 24-hour window, template approved with complete parameters), stored and " +
          "queued; answers 202 with Charla's message id. Statuses follow by webhook and GET /v1/messages/{id}.",
        headers: z.looseObject({ "idempotency-key": z.string().min(1).max(200).optional() }),
        body: sendMessageBody,
        response: { 202: messageOut, 200: messageOut },
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin", "developer", "agent");
      const { message, replayed } = await acceptMessage(
        services,
        tenant.id,
        request.body,
        request.headers["idempotency-key"],
      );
      if (replayed) reply.header("idempotent-replayed", "true");
      return reply.code(replayed ? 200 : 202).send(messageView(message));
    },
  );

  app.post(
    "/messages/batch",
    {
      // 1,000 messages with templates and media captions need more than the API's usual limit.
      bodyLimit: 4 * 1024 * 1024,
      validatorCompiler: validateBodyAs(batchEnvelope),
      schema: {
        tags: ["messages"],
        summary: `Send up to ${MAX_BATCH} messages in one request, each answered on its own`,
        description:
          "Each item is a POST /v1/messages body with, optionally, its own idempotencyKey, and is checked by the " +
          "same rules. The answer has one result per item, in order: 202 with the message when stored, 200 when " +
          "its key replays an earlier message, otherwise the item's own problem (400 invalid, 422 refused...). " +
          "The stored messages are committed with their dispatch jobs in one transaction.",
        body: z.object({ messages: z.array(batchItemBody).min(1).max(MAX_BATCH) }),
        response: {
          200: z.object({
            results: z.array(
              z.object({
                status: z.number().int(),
                message: messageOut.optional(),
                problem: z
                  .looseObject({ type: z.string(), title: z.string(), status: z.number(), code: z.string() })
                  .optional(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin", "developer", "agent");
      const { messages } = request.body as unknown as z.infer<typeof batchEnvelope>;
      return { results: await acceptMessageBatch(services, tenant.id, messages) };
    },
  );

  app.get(
    "/messages/:id",
    {
      schema: {
        tags: ["messages"],
        summary: "One message with its current status",
        params: z.object({ id: z.uuid() }),
        response: { 200: messageOut },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      return getMessage(db, tenant.id, request.params.id);
    },
  );

  app.get(
    "/media/:id",
    {
      schema: {
        tags: ["messages"],
        summary: "Download media a contact sent (kept by Charla, since Meta's media URLs expire)",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { tenant } = principalOf(request);
      const file = await getMedia(db, tenant.id, request.params.id);
      reply.header("content-type", file.mimeType).header("x-sha256", file.sha256);
      if (file.filename)
        reply.header("content-disposition", `attachment; filename="${file.filename.replace(/"/g, "")}"`);
      return reply.send(file.data);
    },
  );

  app.get(
    "/messages",
    {
      schema: {
        tags: ["messages"],
        summary: "Messages, newest first, with filters and cursor pagination",
        querystring: z.object({
          status: z.enum(messageStatuses).optional(),
          direction: z.enum(["outbound", "inbound"]).optional(),
          contactId: z.uuid().optional(),
          conversationId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ data: z.array(messageOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      return listMessages(db, tenant.id, request.query);
    },
  );
};
