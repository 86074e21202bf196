import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { type AudienceSpec, audienceContactIdsSql } from "../audiences/index.ts";
import { marketOfPhone } from "../billing/index.ts";
import { type Contact, contactsByIds } from "../contacts/index.ts";
import type { BulkTemplateMessage } from "../messages/index.ts";
import type { PhoneNumberRow } from "../numbers/index.ts";
import { type ApprovedTemplate, renderTemplate } from "../templates/index.ts";
import { countryOf, exclusionOf, historyOf, PAIR_RATE_MS } from "./classify.ts";
import { parametersFor, usesRedirect, variantOf } from "./render.ts";
import { quietUntil } from "./schedule.ts";
import { campaignRecipients } from "./schema.ts";
import { type CampaignRow, scheduleOf, variantsOf } from "./service.ts";
import { rowsOf } from "./sql.ts";
import type { SkipReason } from "./types.ts";

type RecipientInsert = typeof campaignRecipients.$inferInsert;

/** The contacts a chunk looks at: deferred ones now due, then the next ones of the audience (keyset on id). */
export async function chunkContacts(tx: Tx, row: CampaignRow, size: number, now: Date) {
  const due = await tx
    .select({ contactId: campaignRecipients.contactId })
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.campaignId, row.id),
        eq(campaignRecipients.run, row.run),
        eq(campaignRecipients.status, "deferred"),
        lte(campaignRecipients.dueAt, now),
      ),
    )
    .orderBy(asc(campaignRecipients.dueAt))
    .limit(size);
  const room = size - due.length;
  let fresh: string[] = [];
  if (room > 0 && !row.audienceDone) {
    const audience = audienceContactIdsSql(row.tenantId, row.audience as AudienceSpec);
    const after = row.cursor ? sql`where a.id > ${row.cursor}` : sql``;
    const result = await tx.execute(
      sql`select a.id from (${audience}) a ${after} order by a.id limit ${room}`,
    );
    fresh = rowsOf<{ id: string }>(result).map((r) => r.id);
  }
  const ids = [...due.map((d) => d.contactId), ...fresh];
  const contacts = await contactsByIds(tx, row.tenantId, ids);
  return { contacts, fresh, audienceExhausted: !row.audienceDone && fresh.length < room };
}

export interface ChunkPlan {
  recipients: RecipientInsert[];
  messages: BulkTemplateMessage[];
  skipped: number;
  deferred: number;
}

/** Price per recipient by market (from the launch estimate), so the cost counter needs no lookup. */
export type UnitPrices = Record<string, number>;

function decision(
  row: CampaignRow,
  contact: Contact,
  history: Awaited<ReturnType<typeof historyOf>>,
  marketing: boolean,
  now: Date,
): { skip: SkipReason } | { deferUntil: Date } | { send: true } {
  const country = countryOf(contact);
  const past = history.get(contact.id);
  const skip = exclusionOf(contact, country, marketing, past, row.frequencyCap ?? null);
  if (skip) return { skip };
  const quiet = quietUntil(scheduleOf(row).quietHours, country, now);
  if (quiet) return { deferUntil: quiet };
  // Meta's pair rate (1 message / user / 6 s): another campaign just messaged this contact.
  const last = past?.lastQueuedAt?.getTime() ?? 0;
  if (now.getTime() - last < PAIR_RATE_MS) return { deferUntil: new Date(last + PAIR_RATE_MS) };
  return { send: true };
}

/**
 * Decides each contact of a chunk (skip with its reason, defer for quiet hours or the pair rate,
 * or send: variant, number, rendered template) without touching the database but for one history read.
 */
export async function planChunk(
  tx: Tx,
  row: CampaignRow,
  contacts: Contact[],
  numbers: PhoneNumberRow[],
  templates: ApprovedTemplate[],
  prices: UnitPrices,
  now: Date,
): Promise<ChunkPlan> {
  const variants = variantsOf(row);
  const marketing = templates[0]!.category === "MARKETING";
  const history = await historyOf(
    tx,
    row.tenantId,
    contacts.map((contact) => contact.id),
    row.frequencyCap ?? null,
    now,
  );
  const weights = variants.map((variant) => variant.weight);
  const plan: ChunkPlan = { recipients: [], messages: [], skipped: 0, deferred: 0 };
  const base = { tenantId: row.tenantId, campaignId: row.id, run: row.run };
  for (const contact of contacts) {
    const verdict = decision(row, contact, history, marketing, now);
    if ("skip" in verdict) {
      plan.skipped++;
      plan.recipients.push({ ...base, contactId: contact.id, status: "skipped", skipReason: verdict.skip });
      continue;
    }
    if ("deferUntil" in verdict) {
      plan.deferred++;
      plan.recipients.push({ ...base, contactId: contact.id, status: "deferred", dueAt: verdict.deferUntil });
      continue;
    }
    const variant = variantOf(contact.id, weights);
    const template = templates[variant]!;
    const mapping = variants[variant]!.parameters;
    const clickToken = usesRedirect(mapping) ? randomBytes(9).toString("base64url") : null;
    const rendered = renderTemplate(template.definition, parametersFor(mapping, contact, clickToken));
    if (!rendered.ok) {
      plan.skipped++;
      plan.recipients.push({
        ...base,
        contactId: contact.id,
        status: "skipped",
        skipReason: "invalid_parameters",
      });
      continue;
    }
    const number = numbers[plan.messages.length % numbers.length]!;
    const messageId = randomUUID();
    plan.messages.push({
      id: messageId,
      tenantId: row.tenantId,
      phoneNumberId: number.id,
      contactId: contact.id,
      templateId: template.id,
      category: template.category,
      content: { type: "template", template: rendered.message },
      preview: rendered.preview,
      phone: contact.phone,
    });
    plan.recipients.push({
      ...base,
      contactId: contact.id,
      status: "queued",
      rank: 1,
      variant,
      phoneNumberId: number.id,
      messageId,
      category: template.category.toLowerCase(),
      priceMicros: prices[marketOfPhone(contact.phone)] ?? 0,
      clickToken,
      queuedAt: now,
    });
  }
  return plan;
}

/** Writes a chunk's recipients in one statement; a deferred row that is now decided is updated in place. */
export async function writeRecipients(tx: Tx, recipients: RecipientInsert[]): Promise<void> {
  if (recipients.length === 0) return;
  await tx
    .insert(campaignRecipients)
    .values(recipients)
    .onConflictDoUpdate({
      target: [campaignRecipients.campaignId, campaignRecipients.run, campaignRecipients.contactId],
      set: {
        status: sql`excluded.status`,
        rank: sql`excluded.rank`,
        skipReason: sql`excluded.skip_reason`,
        variant: sql`excluded.variant`,
        phoneNumberId: sql`excluded.phone_number_id`,
        messageId: sql`excluded.message_id`,
        category: sql`excluded.category`,
        priceMicros: sql`excluded.price_micros`,
        clickToken: sql`excluded.click_token`,
        dueAt: sql`excluded.due_at`,
        queuedAt: sql`excluded.queued_at`,
      },
      // Only a deferred row is decided again; anything else was already decided (never twice).
      setWhere: sql`${campaignRecipients.status} = 'deferred'`,
    });
}

/** Whether deferred recipients remain in the run, and when the first is due. */
export async function nextDeferred(tx: Tx, row: CampaignRow): Promise<Date | null> {
  const [next] = await tx
    .select({ dueAt: campaignRecipients.dueAt })
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.campaignId, row.id),
        eq(campaignRecipients.run, row.run),
        eq(campaignRecipients.status, "deferred"),
        gt(campaignRecipients.dueAt, new Date(0)),
      ),
    )
    .orderBy(asc(campaignRecipients.dueAt))
    .limit(1);
  return next?.dueAt ?? null;
}
