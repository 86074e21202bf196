import { type SQL, sql } from "drizzle-orm";
import { executeKept } from "../../db/kept-plans.ts";
import { type DomainEvent, type EventSubscriber, emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import type { MessageView } from "../messages/index.ts";
import { type PostingInput, post } from "./ledger.ts";
import { type Price, Pricer } from "./price.ts";
import { ENTRY_POINT_WINDOW_MS, type MetaPricing, metaDecision } from "./pricing.ts";
import { billingEntryPoints, billingMessages } from "./schema.ts";
import {
  type BillingMessage,
  type Charge,
  planCharge,
  priceCharges,
  rankCharges,
  type Verdict,
  type VolumeCount,
} from "./settle-charges.ts";

const STATUS_EVENTS = new Set(["message.sent", "message.delivered", "message.read", "message.failed"]);

/** The release of a message's open reservation (nothing when it reserved nothing). */
export function releasePosting(row: BillingMessage, author = "system"): PostingInput[] {
  if (row.state !== "reserved" || row.estimateMicros === 0) return [];
  return [
    {
      tenantId: row.tenantId,
      kind: "release",
      key: `release:${row.messageId}`,
      messageId: row.messageId,
      author,
      lines: [
        { account: "reserved", amountMicros: -row.estimateMicros },
        { account: "wallet", amountMicros: row.estimateMicros },
      ],
    },
  ];
}

/**
 * A charge settles the reservation in the same posting: the reserved amount comes back, the wallet
 * pays the difference, and Meta's cost and the markup are credited on separate lines.
 */
function chargePosting(row: BillingMessage, price: Price): PostingInput[] {
  const reserved = row.state === "reserved" ? row.estimateMicros : 0;
  if (price.totalMicros === 0) return releasePosting(row);
  return [
    {
      tenantId: row.tenantId,
      kind: "charge",
      key: `charge:${row.messageId}`,
      messageId: row.messageId,
      author: "system",
      lines: [
        { account: "reserved", amountMicros: -reserved },
        { account: "wallet", amountMicros: reserved - price.totalMicros },
        { account: "meta_cost", amountMicros: price.costMicros },
        { account: "markup", amountMicros: price.markupMicros },
      ],
    },
  ];
}

/** Delivered (or read) with Meta's pricing: the message is charged, or found free. */
const deliveredPriced = (view: MessageView) =>
  (view.status === "delivered" || view.status === "read" || view.deliveredAt != null) && view.pricing != null;

/**
 * The latest view of each message in the batch (later events carry the fuller row) that carries
 * Meta's verdict: delivered with pricing, or failed. A "sent" status settles nothing, so a batch
 * of them reads no billing rows.
 */
function latestViews(events: DomainEvent[]): Map<string, MessageView> {
  const views = new Map<string, MessageView>();
  for (const event of events)
    if (STATUS_EVENTS.has(event.type)) views.set((event.data as MessageView).id, event.data as MessageView);
  for (const [id, view] of views) if (!deliveredPriced(view) && view.status !== "failed") views.delete(id);
  return views;
}

/** What settling reads of a billing row, in the order `openRows` reads the columns. */
const OPEN_FIELDS = [
  "messageId",
  "tenantId",
  "phoneNumberId",
  "templateId",
  "market",
  "currency",
  "estimatedCategory",
  "estimatedType",
  "tiered",
  "estimateMicros",
  "state",
  "acceptedAt",
] as const satisfies readonly (keyof BillingMessage)[];
const OPEN_COLUMNS = sql.raw(OPEN_FIELDS.map((field) => billingMessages[field].name).join(", "));

/**
 * A billing row read as an array of its columns (the JSON numbers, booleans and text of each).
 * Filled field by field: building entries and spreading them was the largest item of settling's
 * own CPU time (about a seventh of it, in a profile of the billing bench on PGlite).
 */
function billingMessageOf(columns: unknown[]): BillingMessage {
  const row: Record<string, unknown> = {};
  for (let index = 0; index < OPEN_FIELDS.length; index++) row[OPEN_FIELDS[index]!] = columns[index];
  row.acceptedAt = new Date(row.acceptedAt as string);
  return row as unknown as BillingMessage;
}

/**
 * The batch's billing rows still open to Meta's verdict (reserved, or released by the timeout),
 * as one JSON value rather than a row per message: reading thousands of rows field by field cost
 * more than the query (PGlite), and JSON.parse is native; each row is an array of its columns
 * (named fields made twice the text: 38 -> 30 ms per 2,000 rows on PGlite). One text parameter,
 * not one per message. The same statement reads and locks (in key order) the volume counters the
 * messages Meta reports tiered may count in (`tiered`: message id -> rate category; created at 0
 * when new), so the ranks are known before pricing and the counts are raised with the postings:
 * no round trip of its own.
 */
async function openRows(
  context: TxContext,
  messageIds: string[],
  tiered: { message_id: string; category: string }[],
): Promise<{ rows: BillingMessage[]; counted: Map<string, number> }> {
  const result = (await executeKept(
    context.tx,
    sql`
    with r as (
      select ${OPEN_COLUMNS} from billing_messages
      where message_id = any(string_to_array(${messageIds.join(",")}, ',')::uuid[])
        and state in ('reserved', 'released')),
    counter as (
      insert into billing_volumes (tenant_id, month, market, category, count)
      select distinct r.tenant_id, to_char(r.accepted_at at time zone 'UTC', 'YYYY-MM'), r.market, v.category, 0
      from r join json_to_recordset(${JSON.stringify(tiered)}::json) as v(message_id uuid, category text) using (message_id)
      order by 1, 2, 3, 4
      on conflict (tenant_id, month, market, category) do update set count = billing_volumes.count
      returning tenant_id, month, market, category, count)
    select
      (select coalesce(json_agg(json_build_array(${OPEN_COLUMNS}) order by message_id), '[]')
        from r)::text as rows,
      (select coalesce(json_object_agg(tenant_id || '/' || month || '/' || market || '/' || category, count), '{}')
        from counter)::text as counted`,
  )) as unknown as { rows: { rows: string; counted: string }[] };
  const rows = JSON.parse(result.rows[0]!.rows) as unknown[][];
  return {
    rows: rows.map(billingMessageOf),
    counted: new Map(Object.entries(JSON.parse(result.rows[0]!.counted) as Record<string, number>)),
  };
}

/** The delivered messages Meta reports billable and tiered, with their rate category (their counters). */
function tieredViews(views: Map<string, MessageView>) {
  const tiered: { message_id: string; category: string }[] = [];
  for (const [id, view] of views)
    if (deliveredPriced(view)) {
      const meta = metaDecision(view.pricing as MetaPricing);
      if (meta.billable && meta.tiered) tiered.push({ message_id: id, category: meta.rateCategory });
    }
  return tiered;
}

/**
 * Meta's verdict on messages: delivered with a `pricing` object settles the reservation (release,
 * then the charge Meta reported, at the card's rate); failed releases it. Keyed postings and the
 * state make a repeated, reordered or late webhook a no-op; a message released by the timeout is
 * still charged when Meta's verdict comes late.
 */
export async function settleStatuses(context: TxContext, events: DomainEvent[]): Promise<void> {
  const views = latestViews(events);
  if (views.size === 0) return;
  const { rows, counted } = await openRows(context, [...views.keys()], tieredViews(views));
  if (rows.length === 0) return;
  const verdicts: Verdict[] = [];
  const charges: Charge[] = [];
  for (const row of rows) {
    const view = views.get(row.messageId)!;
    if (deliveredPriced(view)) charges.push(planCharge(row, view.pricing as MetaPricing));
    else if (view.status === "failed" && row.state === "reserved") verdicts.push({ row, state: "released" });
  }
  const { ranks, increments } = rankCharges(charges, counted);
  verdicts.push(...(await priceCharges(new Pricer(context.tx), charges, ranks)));
  // Postings, lines, the billing rows' new state and the volume counts in one statement.
  await post(context, verdictPostings(verdicts), [
    ...(verdicts.length > 0 ? [verdictUpdate(verdicts)] : []),
    ...(increments.length > 0 ? [volumeUpdate(increments)] : []),
  ]);
  await emit(context, chargedEvents(verdicts, views));
}

/** The volume counters' new counts (their rows were locked when read). */
function volumeUpdate(increments: VolumeCount[]): SQL {
  return sql`
    update billing_volumes c set count = c.count + v.n
    from json_to_recordset(${JSON.stringify(increments)}::json) as v(
      tenant_id uuid, month text, market text, category text, n integer)
    where c.tenant_id = v.tenant_id and c.month = v.month and c.market = v.market and c.category = v.category`;
}

/** What was charged, for analytics' cost and markup rollups (an internal event). */
function chargedEvents(verdicts: Verdict[], views: Map<string, MessageView>): DomainEvent[] {
  return verdicts.flatMap(({ row, state, price }) => {
    if (state !== "charged" || !price || price.totalMicros === 0) return [];
    const view = views.get(row.messageId)!;
    const data: BillingChargedData = {
      messageId: row.messageId,
      phoneNumberId: row.phoneNumberId,
      templateId: row.templateId,
      category: view.category,
      messageCreatedAt: String(
        view.createdAt instanceof Date ? view.createdAt.toISOString() : view.createdAt,
      ),
      market: row.market,
      currency: row.currency,
      costMicros: price.costMicros,
      markupMicros: price.markupMicros,
    };
    return [{ type: "billing.charged" as const, tenantId: row.tenantId, data }];
  });
}

/** What the internal `billing.charged` event carries: one message's charge, split into Meta's cost and the markup. */
export interface BillingChargedData {
  messageId: string;
  phoneNumberId: string;
  templateId: string | null;
  category: string | null;
  messageCreatedAt: string;
  market: string;
  currency: string;
  costMicros: number;
  markupMicros: number;
}

function verdictPostings(verdicts: Verdict[]): PostingInput[] {
  return verdicts.flatMap((verdict) =>
    verdict.price ? chargePosting(verdict.row, verdict.price) : releasePosting(verdict.row),
  );
}

/**
 * The billing rows' new state, run alongside the postings (one statement). The ids again as an
 * array: joined to the JSON alone, the planner hashes it and scans the whole table (a cost that
 * grew with every message ever billed); `= any(...)` finds the rows by primary key.
 */
function verdictUpdate(verdicts: Verdict[]): SQL {
  // Only what is known goes in the JSON (a missing key reads as null and keeps the column).
  const values = verdicts.map(({ row, state, meta, price, discrepancy }) => ({
    message_id: row.messageId,
    state,
    meta_category: meta?.metaCategory,
    meta_type: meta?.type,
    cost_micros: price?.costMicros,
    markup_micros: price?.markupMicros,
    discrepancy: discrepancy ?? undefined,
  }));
  return sql`
    update billing_messages b set
      state = v.state,
      meta_category = coalesce(v.meta_category, b.meta_category),
      meta_type = coalesce(v.meta_type, b.meta_type),
      cost_micros = coalesce(v.cost_micros, b.cost_micros),
      markup_micros = coalesce(v.markup_micros, b.markup_micros),
      discrepancy = coalesce(v.discrepancy, b.discrepancy),
      settled_at = ${new Date().toISOString()}::timestamptz
    from json_to_recordset(${JSON.stringify(values)}::json) as v(
      message_id uuid, state text, meta_category text, meta_type text, cost_micros bigint,
      markup_micros bigint, discrepancy text)
    where b.message_id = v.message_id
      and b.message_id = any(string_to_array(${values.map((value) => value.message_id).join(",")}, ',')::uuid[])`;
}

/** An inbound message that came from an ad or a Page CTA (`referral`) may open a free entry point window. */
async function noteReferrals(context: TxContext, events: DomainEvent[]) {
  const referrals = events
    .filter((event) => event.type === "message.received")
    .map((event) => event.data as MessageView)
    .filter((view) => view.content && typeof view.content === "object" && "referral" in view.content);
  for (const view of referrals) {
    const at = new Date(view.createdAt);
    await context.tx
      .insert(billingEntryPoints)
      .values({
        phoneNumberId: view.phoneNumberId,
        contactId: view.contactId,
        tenantId: eventTenant(events, view),
        referralAt: at,
        opensAt: null,
      })
      .onConflictDoUpdate({
        target: [billingEntryPoints.phoneNumberId, billingEntryPoints.contactId],
        set: { referralAt: at, opensAt: null },
        // A window still open stays as it is; an ended one may be opened again by the new referral.
        setWhere: sql`${billingEntryPoints.opensAt} is null or ${billingEntryPoints.opensAt} < ${new Date(at.getTime() - ENTRY_POINT_WINDOW_MS)}`,
      });
  }
}

function eventTenant(events: DomainEvent[], view: MessageView): string {
  return events.find((event) => (event.data as { id?: string }).id === view.id)!.tenantId;
}

export const billingSubscriber: EventSubscriber = {
  name: "billing.settle",
  async handle(context, events) {
    await noteReferrals(context, events);
    await settleStatuses(context, events);
  },
};
