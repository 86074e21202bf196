import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { campaignRecipients, campaigns } from "./schema.ts";

/** The campaign each of these messages was sent for (messages of no campaign are absent). */
export async function campaignIdsOfMessages(
  db: Executor,
  messageIds: string[],
): Promise<Map<string, string>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .select({ messageId: campaignRecipients.messageId, campaignId: campaignRecipients.campaignId })
    .from(campaignRecipients)
    .where(inArray(campaignRecipients.messageId, [...new Set(messageIds)]));
  return new Map(rows.map((row) => [row.messageId!, row.campaignId]));
}

/** Names of a tenant's campaigns by id (another tenant's ids are absent). */
export async function campaignNames(
  db: Executor,
  tenantId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenantId), inArray(campaigns.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}
