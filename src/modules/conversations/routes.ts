import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { badRequest } from "../../lib/problem.ts";
import { changeStatus } from "./lifecycle.ts";
import { conversationOut, idParams, listQuery, patchBody } from "./route-schemas.ts";
import { getConversation, listConversations } from "./service.ts";
import { updateConversation } from "./workspace.ts";

export const conversationsRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;

  app.get(
    "/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "Conversations (one per business number and contact), most recent message first",
        description:
          "Filters: status, assignee (me, none, a user id), team, label, number, contact, unread, and q (full-text search over the messages of both sides). Their messages: GET /v1/messages?conversationId=…",
        querystring: listQuery,
        response: { 200: z.object({ data: z.array(conversationOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { assignee, ...query } = request.query;
      let assigneeId = assignee;
      if (assignee === "me") {
        if (!principal.session) throw badRequest("user_required", "assignee=me needs a signed-in user");
        assigneeId = principal.session.user.id;
      }
      return listConversations(db, principal.tenant.id, { ...query, assigneeId });
    },
  );

  app.get(
    "/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "One conversation, with its assignment, status and customer service window",
        params: idParams,
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
        summary:
          "Move a conversation (open, pending, snoozed until a time, resolved), mark it read, label it",
        description:
          "Every status change is audited and published (conversation.status_changed). A new inbound message opens a pending, snoozed or resolved conversation again.",
        params: idParams,
        body: patchBody,
        response: { 200: conversationOut },
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin", "agent");
      const { status, snoozedUntil, ...rest } = request.body;
      if (status)
        await changeStatus(services, tenant.id, request.params.id, { to: status, snoozedUntil }, actor);
      if (rest.read || rest.labels) return updateConversation(services, tenant.id, request.params.id, rest);
      return getConversation(db, tenant.id, request.params.id);
    },
  );
};
