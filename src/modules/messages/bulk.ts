import { and, countDistinct, eq, gte, inArray } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor, Tx } from "../../db/client.ts";
import { messages } from "./schema.ts";
import { type MessageRow, queueOutboundBatch } from "./send.ts";

/** One template message of a bulk send (a campaign chunk), already rendered and checked by the caller. */
export interface BulkTemplateMessage {
  id: string;
  tenantId: string;
  phoneNumberId: string;
  contactId: string;
  templateId: string;
  /** The template's category (MARKETING, UTILITY, AUTHENTICATION). */
  category: string;
  /** The Cloud API message body without "to": `{ type: "template", template: {...} }`. */
  content: Record<string, unknown>;
  preview: string;
  /** The recipient's phone, for billing's market. */
  phone: string | null;
}

/**
 * Stores a chunk of template messages and ONE dispatch job for them in the caller's transaction
 * (a fixed number of statements for the whole chunk), with billing's reservation.
 */
export function queueTemplateMessages(
  tx: Tx,
  services: Pick<Services, "boss">,
  list: BulkTemplateMessage[],
): Promise<MessageRow[]> {
  if (list.length === 0) return Promise.resolve([]);
  return queueOutboundBatch(
    tx,
    services,
    list.map((item) => ({
      id: item.id,
      tenantId: item.tenantId,
      phoneNumberId: item.phoneNumberId,
      contactId: item.contactId,
      type: "template",
      content: item.content,
      templateId: item.templateId,
      category: item.category.toLowerCase(),
      preview: item.preview,
      billing: { phone: item.phone, windowOpen: false },
    })),
  );
}

/**
 * Unique contacts sent a template from these numbers since `since`: what counts against the
 * business portfolio's messaging limit (Meta counts users reached outside a service window; a
 * template inside one is counted too here, which only errs on the safe side).
 */
export async function templateRecipientsSince(
  db: Executor,
  tenantId: string,
  phoneNumberIds: string[],
  since: Date,
): Promise<number> {
  if (phoneNumberIds.length === 0) return 0;
  const [row] = await db
    .select({ users: countDistinct(messages.contactId) })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        gte(messages.createdAt, since),
        eq(messages.direction, "outbound"),
        eq(messages.type, "template"),
        inArray(messages.phoneNumberId, phoneNumberIds),
      ),
    );
  return Number(row?.users ?? 0);
}
