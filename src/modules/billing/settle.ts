import { sql } from "drizzle-orm";
import { type DomainEvent, type EventSubscriber, emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import type { MessageView } from "../messages/index.ts";
import { type PostingInput, post } from "./ledger.ts";
import { FREE, monthOf, type Price, type PriceQuery, Pricer } from "./price.ts";
import { ENTRY_POINT_WINDOW_MS, type MetaPricing, metaDecision, type PricingDecision } from "./pricing.ts";
import { billingEntryPoints, type billingMessages } from "./schema.ts";

/** What settling reads of a billing row (not Meta's verdict columns it is about to write). */
type BillingMessage = Pick<
  typeof billingMessages.$inferSelect,
  | "messageId"
  | "tenantId"
  | "phoneNumberId"
  | "templateId"
  | "market"
  | "currency"
  | "estimatedCategory"
  | "estimatedType"
  | "tiered"
  | "estimateMicros"
  | "state"
  | "acceptedAt"
>;
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

/** Where Charla's estimate and Meta's verdict disagree, in words (null when they agree). */
function disagreement(row: BillingMessage, meta: PricingDecision & { metaCategory: string }): string | null {
  const estimatedBillable = row.estimatedType === "regular";
  if (estimatedBillable === meta.billable && (!meta.billable || meta.category === row.estimatedCategory))
    return null;
  return `Charla estimated ${row.estimatedCategory}/${row.estimatedType}, Meta reported ${meta.metaCategory}/${meta.type}`;
}

interface Verdict {
  row: BillingMessage;
  state: BillingMessage["state"];
  meta?: PricingDecision & { metaCategory: string };
  price?: Price;
  discrepancy?: string | null;
}

/** The latest view of each message in the batch (later events carry the fuller row). */
function latestViews(events: DomainEvent[]): Map<string, MessageView> {
  const views = new Map<string, MessageView>();
  for (const event of events)
    if (STATUS_EVENTS.has(event.type)) views.set((event.data as MessageView).id, event.data as MessageView);
  return views;
}

/**
 * The batch's billing rows still open to Meta's verdict (reserved, or released by the timeout),
 * as one JSON value rather than a row per message: reading thousands of rows field by field cost
 * more than the query (PGlite), and JSON.parse is native. One text parameter, not one per message.
 */
async function openRows(context: TxContext, messageIds: string[]): Promise<BillingMessage[]> {
  const result = (await context.tx.execute(sql`
    select coalesce(json_agg(json_build_object(
      'messageId', message_id, 'tenantId', tenant_id, 'phoneNumberId', phone_number_id,
      'templateId', template_id, 'market', market, 'currency', currency,
      'estimatedCategory', estimated_category, 'estimatedType', estimated_type, 'tiered', tiered,
      'estimateMicros', estimate_micros, 'state', state, 'acceptedAt', accepted_at) order by message_id), '[]')::text as rows
    from billing_messages
    where message_id = any(string_to_array(${messageIds.join(",")}, ',')::uuid[])
      and state in ('reserved', 'released')`)) as unknown as { rows: { rows: string }[] };
  const rows = JSON.parse(result.rows[0]!.rows) as (Omit<BillingMessage, "acceptedAt"> & {
    acceptedAt: string;
  })[];
  return rows.map((row) => ({ ...row, acceptedAt: new Date(row.acceptedAt) }));
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
  const rows = await openRows(context, [...views.keys()]);
  if (rows.length === 0) return;
  const verdicts: Verdict[] = [];
  const charges: Charge[] = [];
  for (const row of rows) {
    const view = views.get(row.messageId)!;
    const delivered = view.status === "delivered" || view.status === "read" || view.deliveredAt != null;
    if (delivered && view.pricing) charges.push(planCharge(row, view.pricing as MetaPricing));
    else if (view.status === "failed" && row.state === "reserved") verdicts.push({ row, state: "released" });
  }
  verdicts.push(...(await priceCharges(new Pricer(context.tx), charges)));
  await apply(context, verdicts);
  await emit(context, chargedEvents(verdicts, views));
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

interface Charge {
  row: BillingMessage;
  meta: PricingDecision & { metaCategory: string };
  discrepancy: string | null;
  query: PriceQuery;
}

function planCharge(row: BillingMessage, pricing: MetaPricing): Charge {
  const meta = metaDecision(pricing);
  // Service and in-window utility charged from 2026-10-01 have no tiers: trust the estimate there.
  const decision = {
    ...meta,
    tiered: meta.tiered && (row.tiered || meta.category !== row.estimatedCategory),
  };
  const query = {
    tenantId: row.tenantId,
    currency: row.currency,
    market: row.market,
    decision,
    at: row.acceptedAt,
  };
  return { row, meta, discrepancy: disagreement(row, meta), query };
}

/**
 * Prices the batch's charges. Tiered ones are counted in the month's volume with one upsert per
 * tenant, month, market and category (not one per message), each message getting its rank.
 */
async function priceCharges(pricer: Pricer, charges: Charge[]): Promise<Verdict[]> {
  const groups = new Map<string, Charge[]>();
  for (const charge of charges) {
    const { query } = charge;
    if (!charge.meta.billable || !query.decision.tiered) continue;
    const key = `${query.tenantId}/${monthOf(query.at)}/${query.market}/${query.decision.rateCategory}`;
    const group = groups.get(key);
    if (group) group.push(charge);
    else groups.set(key, [charge]);
  }
  const ranks = new Map<Charge, number>();
  for (const group of groups.values()) {
    const first = await pricer.countCharged(group[0]!.query, group.length);
    for (const [index, charge] of group.entries()) ranks.set(charge, first + index);
  }
  const verdicts: Verdict[] = [];
  for (const charge of charges) {
    const { row, meta, discrepancy, query } = charge;
    if (!meta.billable) {
      verdicts.push({ row, state: "free", meta, price: FREE, discrepancy });
      continue;
    }
    const price = await pricer.price(query, ranks.get(charge) ?? null);
    const missing = `no ${row.currency} rate for ${query.decision.rateCategory} in ${row.market}: not charged`;
    verdicts.push(
      price
        ? { row, state: "charged", meta, price, discrepancy }
        : {
            row,
            state: "charged",
            meta,
            price: FREE,
            discrepancy: discrepancy ? `${discrepancy}; ${missing}` : missing,
          },
    );
  }
  return verdicts;
}

async function apply(context: TxContext, verdicts: Verdict[]) {
  if (verdicts.length === 0) return;
  const postings = verdicts.flatMap((verdict) =>
    verdict.price ? chargePosting(verdict.row, verdict.price) : releasePosting(verdict.row),
  );
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
  // Postings, lines and the billing rows' new state in one statement.
  const update = sql`
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
    where b.message_id = v.message_id`;
  await post(context, postings, update);
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
