import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { badRequest } from "../../lib/problem.ts";
import { contactSummaries } from "../contacts/index.ts";
import { campaignCounterDeltas, campaignRecipients, campaigns, recipientStatuses } from "./schema.ts";

export const RECIPIENT_STATUSES = recipientStatuses;
type RecipientStatus = (typeof recipientStatuses)[number];
const EXPORT_PAGE = 2_000;

/** The campaign's recipients in contact order (keyset: `after` is the last contact id seen). */
export async function recipientsPage(
  db: Executor,
  campaignId: string,
  query: { status?: RecipientStatus; after?: string; limit: number; run?: number },
) {
  const rows = await db
    .select()
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.campaignId, campaignId),
        query.run !== undefined ? eq(campaignRecipients.run, query.run) : undefined,
        query.status ? eq(campaignRecipients.status, query.status) : undefined,
        query.after ? gt(campaignRecipients.contactId, query.after) : undefined,
      ),
    )
    .orderBy(asc(campaignRecipients.contactId), asc(campaignRecipients.run))
    .limit(query.limit);
  const contacts = await contactSummaries(
    db,
    rows.map((row) => row.contactId),
  );
  const data = rows.map(({ tenantId: _tenant, clickToken: _token, ...row }) => ({
    ...row,
    phone: contacts.get(row.contactId)?.phone ?? null,
    name: contacts.get(row.contactId)?.name ?? null,
  }));
  return { data, nextCursor: rows.length === query.limit ? rows.at(-1)!.contactId : null };
}

export function checkCursor(after: string | undefined) {
  if (after !== undefined && !/^[0-9a-f-]{36}$/i.test(after))
    throw badRequest("invalid_cursor", "Bad cursor");
}

const COLUMNS = [
  "contactId",
  "phone",
  "name",
  "run",
  "status",
  "skipReason",
  "errorCode",
  "variant",
  "messageId",
  "queuedAt",
  "sentAt",
  "deliveredAt",
  "readAt",
  "repliedAt",
  "failedAt",
  "clickedAt",
] as const;

/** Every recipient as CSV, streamed page by page (never the whole campaign in memory). */
export function recipientsCsv(db: Executor, campaignId: string): Readable {
  async function* pages() {
    let after: string | undefined;
    for (;;) {
      const page = await recipientsPage(db, campaignId, { after, limit: EXPORT_PAGE });
      for (const row of page.data)
        yield COLUMNS.map((column) => {
          const value = row[column];
          return value instanceof Date ? value.toISOString() : (value ?? "");
        });
      if (!page.nextCursor) return;
      after = page.nextCursor;
    }
  }
  return Readable.from(pages()).pipe(stringify({ header: true, columns: [...COLUMNS] }));
}

/**
 * Charla's redirect link: counts the recipient's first click and answers where to send them
 * (null for an unknown token).
 */
export async function followClick(db: Executor, token: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [recipient] = await tx
      .select()
      .from(campaignRecipients)
      .where(eq(campaignRecipients.clickToken, token))
      .limit(1);
    if (!recipient) return null;
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, recipient.campaignId));
    const variants = (
      (campaign?.content ?? {}) as { variants?: { parameters?: { buttons?: { redirectUrl?: string }[] } }[] }
    ).variants;
    const target = variants?.[recipient.variant ?? 0]?.parameters?.buttons?.find(
      (b) => b.redirectUrl,
    )?.redirectUrl;
    if (!recipient.clickedAt) {
      await tx
        .update(campaignRecipients)
        .set({ clickedAt: new Date() })
        .where(
          and(
            eq(campaignRecipients.campaignId, recipient.campaignId),
            eq(campaignRecipients.run, recipient.run),
            eq(campaignRecipients.contactId, recipient.contactId),
          ),
        );
      await tx.insert(campaignCounterDeltas).values({ campaignId: recipient.campaignId, clicked: 1 });
    }
    return target ?? null;
  });
}
