import { and, asc, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { type Actor, actorLabel, listUsers } from "../accounts/index.ts";
import { tenantUsers } from "./agents.ts";
import { lockConversation } from "./lifecycle.ts";
import { type Conversation, conversationNotes } from "./schema.ts";

/** Users a note mentions: `@` followed by their email or its part before the @ (case ignored). */
export function mentionedIn(body: string, users: { id: string; email: string }[]): string[] {
  const tokens = new Set(
    [...body.matchAll(/@([\p{L}\p{N}._+-]+(?:@[\p{L}\p{N}.-]+)?)/gu)].map((m) => m[1]!.toLowerCase()),
  );
  return users
    .filter((user) => {
      const email = user.email.toLowerCase();
      return tokens.has(email) || tokens.has(email.split("@")[0]!);
    })
    .map((user) => user.id);
}

/** Stores a private note in the caller's transaction; each mentioned user gets a personal event. */
export async function addNoteIn(
  context: TxContext,
  conversation: Conversation,
  body: string,
  actor: Actor,
  mentions: string[],
) {
  const [note] = await context.tx
    .insert(conversationNotes)
    .values({
      tenantId: conversation.tenantId,
      conversationId: conversation.id,
      authorUserId: actor.kind === "user" ? actor.id : null,
      author: actorLabel(actor),
      body,
      mentions,
    })
    .returning();
  if (!note) throw new Error("insert returned no row");
  const by = actorLabel(actor);
  await emit(context, [
    {
      type: "conversation.note_added",
      tenantId: conversation.tenantId,
      data: { conversationId: conversation.id, noteId: note.id, author: by, body, mentions },
    },
    ...mentions.map((userId) => ({
      type: "agent.mentioned" as const,
      tenantId: conversation.tenantId,
      data: { userId, conversationId: conversation.id, noteId: note.id, by, body },
    })),
  ]);
  return note;
}

/** A private note with @mentions (parsed from the body, plus explicit user ids). */
export async function addNote(
  services: Services,
  tenantId: string,
  conversationId: string,
  input: { body: string; mentions?: string[] | undefined },
  actor: Actor,
) {
  const { db } = services.database;
  if (input.mentions?.length) await tenantUsers(db, tenantId, input.mentions);
  const users = await listUsers(db, tenantId);
  const mentions = [...new Set([...(input.mentions ?? []), ...mentionedIn(input.body, users)])];
  return db.transaction(async (tx) => {
    const context = { boss: services.boss, tx };
    const conversation = await lockConversation(context, tenantId, conversationId);
    return addNoteIn(context, conversation, input.body, actor, mentions);
  });
}

export async function listNotes(db: Executor, tenantId: string, conversationId: string) {
  return db
    .select()
    .from(conversationNotes)
    .where(
      and(eq(conversationNotes.tenantId, tenantId), eq(conversationNotes.conversationId, conversationId)),
    )
    .orderBy(asc(conversationNotes.createdAt));
}
