import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.ts";
import { type AudienceSpec, audienceChunkSql } from "../audiences/index.ts";
import { type Contact, contactsByIds } from "../contacts/index.ts";
import type { BulkTemplateMessage } from "../messages/index.ts";
import type { PhoneNumberRow } from "../numbers/index.ts";
import { type ApprovedTemplate, renderTemplate } from "../templates/index.ts";
import { exclusionOf, historyOf, PAIR_RATE_MS, phoneFacts } from "./classify.ts";
import { parametersFor, usesRedirect, variantOf } from "./render.ts";
import { quietUntil } from "./schedule.ts";
import { campaignRecipients } from "./schema.ts";
import { type CampaignRow, scheduleOf, variantsOf } from "./service.ts";
import { rowsOf } from "./sql.ts";
import type { SkipReason } from "./types.ts";

type RecipientInsert = typeof campaignRecipients.$inferInsert;

type Candidate = { id: string; member: boolean };

/**
 * The audience's next chunk and its contacts, read by the runner outside the tick's transaction
 * (another connection) while the previous tick still writes: the next tick uses it if the cursor
 * is still where it was read from, and reads again otherwise.
 */
export interface ReadAhead {
  campaignId: string;
  run: number;
  from: string | null;
  size: number;
  candidates: Candidate[];
  contacts: Contact[];
}

export async function readAhead(db: Executor, row: CampaignRow, from: string | null, size: number) {
  const candidates = rowsOf<Candidate>(
    await db.execute(audienceChunkSql(row.tenantId, row.audience as AudienceSpec, from, size)),
  );
  const members = candidates.filter((candidate) => candidate.member).map((candidate) => candidate.id);
  const contacts = await contactsByIds(db, row.tenantId, members);
  return { campaignId: row.id, run: row.run, from, size, candidates, contacts } satisfies ReadAhead;
}

/** The contacts a chunk looks at: deferred ones now due, then the next ones of the audience (keyset on id). */
export async function chunkContacts(
  tx: Tx,
  row: CampaignRow,
  size: number,
  now: Date,
  ahead: ReadAhead | null = null,
) {
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
  let cursor = row.cursor;
  let audienceExhausted = false;
  const read =
    ahead?.campaignId === row.id && ahead.run === row.run && ahead.from === row.cursor && ahead.size >= room
      ? ahead
      : null;
  if (room > 0 && !row.audienceDone) {
    const next = read
      ? read.candidates.slice(0, room)
      : rowsOf<Candidate>(
          await tx.execute(audienceChunkSql(row.tenantId, row.audience as AudienceSpec, row.cursor, room)),
        );
    fresh = next.filter((candidate) => candidate.member).map((candidate) => candidate.id);
    // Past the excluded ones too: the next chunk starts after everything this one looked at.
    cursor = next.at(-1)?.id ?? row.cursor;
    audienceExhausted = next.length < room;
  }
  const dueIds = due.map((d) => d.contactId);
  let contacts: Contact[];
  if (read) {
    const wanted = new Set(fresh);
    contacts = [
      ...(await contactsByIds(tx, row.tenantId, dueIds)),
      ...read.contacts.filter((contact) => wanted.has(contact.id)),
    ];
  } else contacts = await contactsByIds(tx, row.tenantId, [...dueIds, ...fresh]);
  return { contacts, fresh, cursor, audienceExhausted };
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
): { skip: SkipReason } | { deferUntil: Date } | { send: true; market: string } {
  const phone = phoneFacts(contact);
  const past = history.get(contact.id);
  const skip = exclusionOf(contact, phone, marketing, past, row.frequencyCap ?? null);
  if (skip) return { skip };
  const quiet = quietUntil(scheduleOf(row).quietHours, phone.country, now);
  if (quiet) return { deferUntil: quiet };
  // Meta's pair rate (1 message / user / 6 s): another campaign just messaged this contact.
  const last = past?.lastQueuedAt?.getTime() ?? 0;
  if (now.getTime() - last < PAIR_RATE_MS) return { deferUntil: new Date(last + PAIR_RATE_MS) };
  return { send: true, market: phone.market };
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
      priceMicros: prices[verdict.market] ?? 0,
      clickToken,
      queuedAt: now,
    });
  }
  return plan;
}

/** A recipient row as the JSON parameter of `writeRecipients` carries it (column names, nulls explicit). */
function recipientJson(row: RecipientInsert) {
  return {
    tenant_id: row.tenantId,
    campaign_id: row.campaignId,
    run: row.run ?? 1,
    contact_id: row.contactId,
    status: row.status,
    rank: row.rank ?? 0,
    skip_reason: row.skipReason ?? null,
    variant: row.variant ?? null,
    phone_number_id: row.phoneNumberId ?? null,
    message_id: row.messageId ?? null,
    category: row.category ?? null,
    price_micros: row.priceMicros ?? 0,
    click_token: row.clickToken ?? null,
    due_at: row.dueAt ?? null,
    queued_at: row.queuedAt ?? null,
  };
}

/**
 * Writes a chunk's recipients in one statement; a deferred row that is now decided is updated in
 * place. The rows travel as ONE JSON parameter: a Drizzle multi-row insert builds a parameter
 * object tree of about 34 KB a row (34 MB a 1,000-contact chunk, all garbage a moment later),
 * which made the worker's heap grow by hundreds of MB during a campaign.
 */
export async function writeRecipients(tx: Tx, recipients: RecipientInsert[]): Promise<void> {
  if (recipients.length === 0) return;
  await tx.execute(sql`
    insert into campaign_recipients (tenant_id, campaign_id, run, contact_id, status, rank, skip_reason,
      variant, phone_number_id, message_id, category, price_micros, click_token, due_at, queued_at)
    select v.tenant_id, v.campaign_id, v.run, v.contact_id, v.status, v.rank, v.skip_reason,
      v.variant, v.phone_number_id, v.message_id, v.category, v.price_micros, v.click_token, v.due_at, v.queued_at
    from jsonb_to_recordset(${JSON.stringify(recipients.map(recipientJson))}::jsonb) as v(
      tenant_id uuid, campaign_id uuid, run int, contact_id uuid, status text, rank smallint,
      skip_reason text, variant smallint, phone_number_id uuid, message_id uuid, category text,
      price_micros bigint, click_token text, due_at timestamptz, queued_at timestamptz)
    on conflict (campaign_id, run, contact_id) do update set
      status = excluded.status, rank = excluded.rank, skip_reason = excluded.skip_reason,
      variant = excluded.variant, phone_number_id = excluded.phone_number_id,
      message_id = excluded.message_id, category = excluded.category,
      price_micros = excluded.price_micros, click_token = excluded.click_token,
      due_at = excluded.due_at, queued_at = excluded.queued_at
    -- Only a deferred row is decided again; anything else was already decided (never twice).
    where campaign_recipients.status = 'deferred'`);
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
