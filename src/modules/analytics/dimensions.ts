import type { Executor as Tx } from "../../db/client.ts";
import { marketOfPhone } from "../billing/index.ts";
import { campaignIdsOfMessages } from "../campaigns/index.ts";
import { contactsByIds } from "../contacts/index.ts";
import type { MessageView } from "../messages/index.ts";

/**
 * Messages' campaigns (null: none) already read in a transaction. A batch of statuses reads them
 * for its status counts, and the charges billing settles in the same transaction come back for
 * the same messages: they are not read twice. Keyed by the transaction, so nothing outlives it.
 */
const campaignsRead = new WeakMap<Tx, Map<string, string | null>>();

/** The campaigns of outbound messages, read once per transaction. */
export async function campaignsOfMessages(tx: Tx, messageIds: string[]): Promise<Map<string, string | null>> {
  const known = campaignsRead.get(tx) ?? new Map<string, string | null>();
  // Only a transaction's reads are kept (a database handle lives as long as the process).
  if ("rollback" in tx) campaignsRead.set(tx, known);
  const unknown = messageIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const found = await campaignIdsOfMessages(tx, unknown);
    for (const id of unknown) known.set(id, found.get(id) ?? null);
  }
  return known;
}

/** Where a message's counts go: its tenant, UTC hour of creation and dimensions. */
export interface MessageDimensions {
  tenantId: string;
  hour: string;
  phoneNumberId: string | null;
  templateId: string | null;
  campaignId: string | null;
  category: string | null;
  market: string | null;
}

/** The UTC hour a time falls in, as an ISO string. */
export function hourOf(at: Date | string): string {
  const time = new Date(at).getTime();
  return new Date(time - (time % 3_600_000)).toISOString();
}

/** The UTC minute a time falls in, as an ISO string. */
export function minuteOf(at: Date | string): string {
  const time = new Date(at).getTime();
  return new Date(time - (time % 60_000)).toISOString();
}

/** Categories as the rollups store them (lower case, as Meta's pricing objects say them). */
export function normalCategory(category: string | null | undefined): string | null {
  return category ? category.toLowerCase() : null;
}

/**
 * The dimensions of a batch of messages, with one query for their contacts' markets and one for
 * their campaigns (whatever the batch size). The same message always gets the same dimensions:
 * they come from what never changes after it is stored (number, template, category, contact, campaign).
 */
export async function dimensionsOf(
  tx: Tx,
  messages: { tenantId: string; view: MessageView }[],
): Promise<Map<string, MessageDimensions>> {
  const byTenant = new Map<string, Set<string>>();
  for (const { tenantId, view } of messages) {
    const set = byTenant.get(tenantId) ?? new Set<string>();
    set.add(view.contactId);
    byTenant.set(tenantId, set);
  }
  const phones = new Map<string, string | null>();
  for (const [tenantId, ids] of byTenant)
    for (const contact of await contactsByIds(tx, tenantId, [...ids])) phones.set(contact.id, contact.phone);
  const campaigns = await campaignsOfMessages(
    tx,
    messages.filter(({ view }) => view.direction === "outbound").map(({ view }) => view.id),
  );
  const result = new Map<string, MessageDimensions>();
  for (const { tenantId, view } of messages)
    result.set(view.id, {
      tenantId,
      hour: hourOf(view.createdAt),
      phoneNumberId: view.phoneNumberId,
      templateId: view.templateId,
      campaignId: campaigns.get(view.id) ?? null,
      category: normalCategory(view.category),
      market: marketOfPhone(phones.get(view.contactId) ?? null),
    });
  return result;
}
