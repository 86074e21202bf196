import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { unprocessable } from "../../lib/problem.ts";
import { getContact } from "../contacts/index.ts";
import { numbersByIds } from "../numbers/index.ts";
import { listTemplates } from "../templates/index.ts";
import {
  cannedReplyByShortcut,
  createCannedReply,
  deleteCannedReply,
  fillVariables,
  listCannedReplies,
} from "./canned.ts";
import { sendReadReceipt } from "./jobs.ts";
import { addNote, listNotes } from "./notes.ts";
import { cannedOut, composerOut, contactPanelOut, idParams, noteOut } from "./route-schemas.ts";
import { getConversation } from "./service.ts";
import { contactPanel } from "./workspace.ts";

/** The agent's workspace: notes, canned replies, contact panel, composer state, typing. */
export const workspaceRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;

  app.get(
    "/conversations/:id/notes",
    {
      schema: {
        tags: ["inbox"],
        summary: "Private notes",
        params: idParams,
        response: { 200: z.object({ data: z.array(noteOut) }) },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      await getConversation(db, tenant.id, request.params.id);
      return { data: await listNotes(db, tenant.id, request.params.id) };
    },
  );

  app.post(
    "/conversations/:id/notes",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "A private note; @email or @name-before-the-at mentions (or `mentions` ids) notify those users",
        params: idParams,
        body: z.object({
          body: z.string().min(1).max(10_000),
          mentions: z.array(z.uuid()).max(50).optional(),
        }),
        response: { 201: noteOut },
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, "tenant_admin", "agent");
      return reply.code(201).send(await addNote(services, tenant.id, request.params.id, request.body, actor));
    },
  );

  app.get(
    "/conversations/:id/contact-panel",
    {
      schema: {
        tags: ["inbox"],
        summary: "The contact: attributes, tags, consent state, earlier conversations",
        params: idParams,
        response: { 200: contactPanelOut },
      },
    },
    async (request) => contactPanel(services, principalOf(request).tenant.id, request.params.id),
  );

  app.get(
    "/conversations/:id/composer",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "What the composer may send: free text while the window is open; else when it closed and the approved templates",
        params: idParams,
        response: { 200: composerOut },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      const conversation = await getConversation(db, tenant.id, request.params.id);
      if (conversation.windowOpen)
        return { windowOpen: true, windowExpiresAt: conversation.windowExpiresAt, templates: [] };
      const number = (await numbersByIds(db, [conversation.phoneNumberId])).get(conversation.phoneNumberId);
      const approved = await listTemplates(db, tenant.id, {
        status: "approved",
        accountId: number?.accountId,
        limit: 200,
      });
      return {
        windowOpen: false,
        windowClosedAt: conversation.windowExpiresAt,
        templates: approved.data.map((template) => ({
          id: template.id,
          name: template.name,
          language: template.language,
          category: template.category,
          definition: template.definition,
        })),
      };
    },
  );

  app.post(
    "/conversations/:id/typing",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "Show the customer Meta's typing indicator (also marks their last message read; Meta drops it after 25 s or on the reply)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin", "agent");
      const conversation = await getConversation(db, tenant.id, request.params.id);
      if (!conversation.lastInboundWamid || !conversation.windowOpen)
        throw unprocessable(
          "window_closed",
          "Typing indicators answer a customer's message inside the 24-hour window",
        );
      await sendReadReceipt(services, conversation.phoneNumberId, conversation.lastInboundWamid, {
        typing: true,
      });
      return reply.code(204).send();
    },
  );

  cannedRoutes(app, services);
};

const cannedRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  app.get(
    "/canned-replies",
    {
      schema: {
        tags: ["inbox"],
        summary: "Canned replies, by shortcut prefix",
        querystring: z.object({ prefix: z.string().optional() }),
        response: { 200: z.object({ data: z.array(cannedOut) }) },
      },
    },
    async (request) => ({
      data: await listCannedReplies(db, principalOf(request).tenant.id, request.query.prefix),
    }),
  );
  app.post(
    "/canned-replies",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "A canned reply: a shortcut and a body with {{contact.name}}, {{contact.phone}}, {{contact.attributes.x}}, {{agent.name}}",
        body: z.object({ shortcut: z.string().regex(/^[\w-]{1,40}$/), body: z.string().min(1).max(4096) }),
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin", "agent");
      return reply.code(201).send(await createCannedReply(db, tenant.id, request.body));
    },
  );
  app.delete(
    "/canned-replies/:id",
    { schema: { tags: ["inbox"], summary: "Delete a canned reply", params: idParams } },
    async (request, reply) => {
      await deleteCannedReply(db, requireRole(request, "tenant_admin", "agent").tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/conversations/:id/canned-replies/:shortcut",
    {
      schema: {
        tags: ["inbox"],
        summary: "A canned reply filled in for this conversation's contact and the signed-in agent",
        params: z.object({ id: z.uuid(), shortcut: z.string().min(1).max(40) }),
        response: { 200: z.object({ shortcut: z.string(), text: z.string() }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const conversation = await getConversation(db, principal.tenant.id, request.params.id);
      const contact = await getContact(db, principal.tenant.id, conversation.contact.id);
      const reply = await cannedReplyByShortcut(db, principal.tenant.id, request.params.shortcut);
      const text = fillVariables(reply.body, {
        contact: { name: contact.name, phone: contact.phone, attributes: contact.attributes },
        agent: { name: principal.session?.user.name ?? null },
      });
      return { shortcut: reply.shortcut, text };
    },
  );
};
