import { and, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client.ts";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { decodeCursor, paginate } from "../../http/cursor.ts";
import { notFound } from "../../http/problem.ts";
import { contacts } from "../contacts/schema.ts";
import { windowExpiresAt, windowOpen } from "../contacts/service.ts";
import { type Conversation, conversations } from "./schema.ts";

const conversationOut = z.looseObject({
  id: z.uuid(),
  status: z.enum(["open", "closed"]),
  phoneNumberId: z.uuid(),
  contact: z.object({ id: z.uuid(), phone: z.string(), name: z.string().nullable() }),
  lastMessageAt: z.date(),
  lastMessagePreview: z.string().nullable(),
  unreadCount: z.number().int(),
  windowOpen: z.boolean(),
  windowExpiresAt: z.date().nullable(),
});

const contactSummary = { id: contacts.id, phone: contacts.phone, name: contacts.name };

function conversationView(row: {
  conversation: Conversation;
  contact: z.infer<typeof conversationOut>["contact"];
}) {
  const { tenantId: _tenant, contactId: _contact, ...conversation } = row.conversation;
  return {
    ...conversation,
    contact: row.contact,
    windowOpen: windowOpen(conversation),
    windowExpiresAt: windowExpiresAt(conversation),
  };
}

async function findConversation(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select({ conversation: conversations, contact: contactSummary })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
  if (!row) throw notFound("Conversation", "conversation_not_found");
  return row;
}

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
      const { status, phoneNumberId, contactId, unread, limit, cursor } = request.query;
      let after: SQL | undefined;
      if (cursor) {
        const { at, id } = decodeCursor(cursor);
        const ts = sql`${at.toISOString()}::timestamptz`;
        after = or(
          sql`${conversations.lastMessageAt} < ${ts}`,
          and(sql`${conversations.lastMessageAt} = ${ts}`, lt(conversations.id, id)),
        );
      }
      const rows = await db
        .select({ conversation: conversations, contact: contactSummary })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(
          and(
            eq(conversations.tenantId, tenant.id),
            status ? eq(conversations.status, status) : undefined,
            phoneNumberId ? eq(conversations.phoneNumberId, phoneNumberId) : undefined,
            contactId ? eq(conversations.contactId, contactId) : undefined,
            unread === undefined
              ? undefined
              : unread
                ? gt(conversations.unreadCount, 0)
                : eq(conversations.unreadCount, 0),
            after,
          ),
        )
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(limit + 1);
      const { data, nextCursor } = paginate(rows, limit, ({ conversation }) => ({
        at: conversation.lastMessageAt,
        id: conversation.id,
      }));
      return { data: data.map(conversationView), nextCursor };
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
      return conversationView(await findConversation(db, tenant.id, request.params.id));
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
      const { status, read } = request.body;
      const [updated] = await db
        .update(conversations)
        .set({
          ...(status ? { status } : {}),
          ...(read ? { unreadCount: 0 } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(conversations.tenantId, tenant.id), eq(conversations.id, request.params.id)))
        .returning({ id: conversations.id });
      if (!updated) throw notFound("Conversation", "conversation_not_found");
      return conversationView(await findConversation(db, tenant.id, updated.id));
    },
  );
};
