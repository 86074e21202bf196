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
  // One JSON parameter, not four per row: Drizzle's per-row builder cost more than the statement.
  const json = JSON.stringify(
    rows.map((row) => ({
      message_id: row.messageId,
      tenant_id: row.tenantId,
      conversation_id: row.conversationId,
      text: row.text,
    })),
  );
  await tx.execute(sql`
    insert into ${messageSearch} (message_id, tenant_id, conversation_id, document)
    select x.message_id, x.tenant_id, x.conversation_id, to_tsvector('simple', x.text)
    from jsonb_to_recordset(${json}::jsonb) as x(message_id uuid, tenant_id uuid, conversation_id uuid, text text)
    on conflict do nothing`);
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
