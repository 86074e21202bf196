import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { messageText } from "./preview.ts";
import { messageSearch } from "./schema.ts";

export interface MessageWords {
  messageId: string;
  tenantId: string;
  conversationId: string;
  text: string;
}

/** Stores the words of messages for the inbox's full-text search (both directions), in one statement. */
export async function indexMessageWords(tx: Executor, rows: MessageWords[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(messageSearch)
    .values(
      rows.map((row) => ({
        messageId: row.messageId,
        tenantId: row.tenantId,
        conversationId: row.conversationId,
        document: sql`to_tsvector('simple', ${row.text})`,
      })),
    )
    .onConflictDoNothing();
}

/**
 * Outbound messages as the messages module stores them: their text, caption or title, or for a
 * template the text it renders to (`preview`). Called in the storing transaction.
 */
export async function indexOutbound(
  tx: Executor,
  messages: {
    id: string;
    tenantId: string;
    conversationId: string | null;
    type: string;
    content: Record<string, unknown>;
    renderedText?: string | undefined;
  }[],
): Promise<void> {
  await indexMessageWords(
    tx,
    messages.flatMap((message) => {
      const text = message.renderedText ?? messageText(message.type, message.content);
      return text && message.conversationId
        ? [
            {
              messageId: message.id,
              tenantId: message.tenantId,
              conversationId: message.conversationId,
              text,
            },
          ]
        : [];
    }),
  );
}
