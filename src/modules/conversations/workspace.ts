import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";
import { notFound } from "../../lib/problem.ts";
import { contactSummaries, getContact, windowOpen } from "../contacts/index.ts";
import { MARK_READ_QUEUE } from "./queues.ts";
import { conversations, teams } from "./schema.ts";
import { getConversation, listConversations } from "./service.ts";

/**
 * Labels and read state. Marking read also tells Meta the customer's last message was read (a
 * job: the blue ticks on the customer's phone), which marks every earlier one read too.
 */
export async function updateConversation(
  services: Services,
  tenantId: string,
  id: string,
  change: { read?: true | undefined; labels?: string[] | undefined },
) {
  const { db } = services.database;
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(conversations)
      .set({
        ...(change.read ? { unreadCount: 0 } : {}),
        ...(change.labels ? { labels: [...new Set(change.labels)].sort() } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)))
      .returning();
    if (!updated) throw notFound("Conversation", "conversation_not_found");
    if (change.read && updated.lastInboundWamid)
      await enqueue({ boss: services.boss, tx }, MARK_READ_QUEUE, {
        phoneNumberId: updated.phoneNumberId,
        wamid: updated.lastInboundWamid,
      });
  });
  return getConversation(db, tenantId, id);
}

/** What the contact panel shows: attributes, tags, consent, and the contact's other conversations. */
export async function contactPanel(services: Services, tenantId: string, conversationId: string) {
  const { db } = services.database;
  const conversation = await getConversation(db, tenantId, conversationId);
  const contact = await getContact(db, tenantId, conversation.contact.id);
  const earlier = await listConversations(db, tenantId, { contactId: contact.id, limit: 50 });
  return { contact, conversations: earlier.data.filter((other) => other.id !== conversationId) };
}

/** What a satisfaction survey needs of a conversation: who handled it, the team's survey settings, the window. */
export async function surveyTarget(db: Executor, conversationId: string) {
  const [row] = await db
    .select({ conversation: conversations, team: teams })
    .from(conversations)
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(eq(conversations.id, conversationId));
  if (!row) return null;
  const { conversation, team } = row;
  const contact = (await contactSummaries(db, [conversation.contactId])).get(conversation.contactId);
  return {
    tenantId: conversation.tenantId,
    conversationId: conversation.id,
    phoneNumberId: conversation.phoneNumberId,
    contactPhone: contact?.phone ?? null,
    assigneeId: conversation.assigneeId,
    teamId: conversation.teamId,
    surveyOnResolve: team?.csatOnResolve ?? false,
    question: team?.csatQuestion ?? null,
    windowOpen: windowOpen(conversation),
    /** The latest message either way (arrival of an inbound one, acceptance of an outbound one). */
    lastMessageAt: conversation.lastMessageAt,
  };
}
