import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { getConversation, listConversations, updateConversation } from "./service.ts";

const conversationOut = z.looseObject({
  id: z.uuid(),
  status: z.enum(["open", "closed"]),
  phoneNumberId: z.uuid(),
  contact: z.object({
    id: z.uuid(),
    phone: z.string().nullable(),
    userId: z.string().nullable().describe("business-scoped user id (2026)"),
    name: z.string().nullable(),
  }),
  lastMessageAt: z.date(),
  lastMessagePreview: z.string().nullable(),
  unreadCount: z.number().int(),
  windowOpen: z.boolean(),
  windowExpiresAt: z.date().nullable(),
});

export const conversationsRoutes: ModuleRoutes = (app, { database }) => {
  const { db } = database;
  const params = z.object({ id: z.uuid() });

  app.get(
    "/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "Conversations (one per business number and contact), most recent message first",
        description: "Their messages: GET /v1/messages?conversationId=…",
        querystring: z.object({
          status: z.enum(["open", "closed"]).optional(),
          phoneNumberId: z.uuid().optional(),
          contactId: z.uuid().optional(),
          unread: z
            .enum(["true", "false"])
            .transform((value) => value === "true")
            .optional()
            .describe("true: only conversations with unread inbound messages"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({ data: z.array(conversationOut), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      return listConversations(db, tenant.id, request.query);
    },
  );

  app.get(
    "/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "One conversation, with its customer service window",
        params,
        response: { 200: conversationOut },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      return getConversation(db, tenant.id, request.params.id);
    },
  );

  app.patch(
    "/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "Close or reopen a conversation, or mark it read (a new inbound message reopens it)",
        params,
        body: z
          .object({ status: z.enum(["open", "closed"]).optional(), read: z.literal(true).optional() })
          .refine((body) => body.status !== undefined || body.read !== undefined, {
            message: "Give status or read",
          }),
        response: { 200: conversationOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin", "agent");
      return updateConversation(db, tenant.id, request.params.id, request.body);
    },
  );
};
