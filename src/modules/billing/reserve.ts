import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { insertReturning } from "../../db/json-insert.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { AppError, unprocessable } from "../../lib/problem.ts";
import { post } from "./ledger.ts";
import { marketOfPhone } from "./markets.ts";
import { formatMicros } from "./money.ts";
import { Pricer } from "./price.ts";
import {
  type Category,
  decidePricing,
  ENTRY_POINT_REPLY_MS,
  ENTRY_POINT_WINDOW_MS,
  normaliseCategory,
  type PricingDecision,
} from "./pricing.ts";
import { billingAccounts, billingEntryPoints, billingMessages } from "./schema.ts";

/** What the send path tells billing about a message it is accepting. */
export interface BillableSend {
  messageId: string;
  tenantId: string;
  phoneNumberId: string;
  contactId: string;
  templateId: string | null;
  /** The template's category, or null for a non-template message. */
  category: string | null;
  /** The recipient's phone (E.164): its calling code picks the market; null for a contact known only by its user id. */
  phone: string | null;
  windowOpen: boolean;
  at: Date;
}

/** Countries where authentication is charged at the international rate for eligible businesses. */
export const AUTH_INTERNATIONAL_MARKETS = new Set(["EG", "IN", "ID", "MY", "NG", "PK", "SA", "ZA", "AE"]);

export const insufficientBalance = (detail: string, extensions: Record<string, unknown> = {}) =>
  new AppError(402, "insufficient_balance", detail, extensions);

type Account = typeof billingAccounts.$inferSelect;

function categoryFor(send: BillableSend, account: Account, market: string): Category {
  if (send.category === null) return "service";
  const category = normaliseCategory(send.category);
  if (category === "authentication" && account.authInternational && AUTH_INTERNATIONAL_MARKETS.has(market))
    return "authentication-international";
  return category;
}

/**
 * Whether a free entry point window covers a reply at `at`: a referral (click-to-WhatsApp ad)
 * answered within 24 h opens 72 h from that answer. The first answer opens it (stored).
 */
async function entryPointsOpen(tx: Executor, sends: BillableSend[]): Promise<Set<string>> {
  const open = new Set<string>();
  if (sends.length === 0) return open;
  // The pairs travel as ONE JSON parameter: an OR of one condition per send cost Drizzle's builder
  // more than the query (a 1,000-message campaign chunk: 2,000 parameters).
  const pairs = JSON.stringify(
    sends.map((send) => ({ phone_number_id: send.phoneNumberId, contact_id: send.contactId })),
  );
  const found = (await tx.execute(sql`
    select e.phone_number_id, e.contact_id, e.referral_at, e.opens_at
    from billing_entry_points e
    where (e.phone_number_id, e.contact_id) in (
      select v.phone_number_id, v.contact_id
      from jsonb_to_recordset(${pairs}::jsonb) as v(phone_number_id uuid, contact_id uuid))`)) as unknown as {
    rows: {
      phone_number_id: string;
      contact_id: string;
      referral_at: string | Date;
      opens_at: string | Date | null;
    }[];
  };
  const rows = new Map(
    found.rows.map((raw) => [
      `${raw.phone_number_id}|${raw.contact_id}`,
      {
        phoneNumberId: raw.phone_number_id,
        contactId: raw.contact_id,
        referralAt: new Date(raw.referral_at),
        opensAt: raw.opens_at === null ? null : new Date(raw.opens_at),
      },
    ]),
  );
  for (const send of sends) {
    const row = rows.get(`${send.phoneNumberId}|${send.contactId}`);
    if (!row) continue;
    const at = send.at.getTime();
    if (
      !row.opensAt &&
      at - row.referralAt.getTime() <= ENTRY_POINT_REPLY_MS &&
      at >= row.referralAt.getTime()
    ) {
      row.opensAt = send.at;
      await tx
        .update(billingEntryPoints)
        .set({ opensAt: send.at })
        .where(
          and(
            eq(billingEntryPoints.phoneNumberId, row.phoneNumberId),
            eq(billingEntryPoints.contactId, row.contactId),
          ),
        );
    }
    if (row.opensAt && at >= row.opensAt.getTime() && at < row.opensAt.getTime() + ENTRY_POINT_WINDOW_MS)
      open.add(send.messageId);
  }
  return open;
}

/**
 * Reserves the estimated price of messages being accepted, in the send's transaction: a send
 * that would take the balance below the credit limit (or a marketing send at a balance of zero or
 * less) is refused with 402 `insufficient_balance` before anything reaches Meta. Tenants without a
 * wallet are not billed.
 */
export async function reserveForMessages(context: TxContext, sends: BillableSend[]): Promise<void> {
  if (sends.length === 0) return;
  const { tx } = context;
  const tenantIds = [...new Set(sends.map((send) => send.tenantId))];
  const accounts = await tx
    .select()
    .from(billingAccounts)
    .where(inArray(billingAccounts.tenantId, tenantIds))
    .orderBy(asc(billingAccounts.tenantId))
    .for("update");
  if (accounts.length === 0) return;
  const byTenant = new Map(accounts.map((account) => [account.tenantId, account]));
  const billed = sends.filter((send) => byTenant.has(send.tenantId));
  const entryPoint = await entryPointsOpen(tx, billed);
  const pricer = new Pricer(tx);
  const balances = new Map(accounts.map((account) => [account.tenantId, account.balanceMicros]));
  const rows: (typeof billingMessages.$inferInsert)[] = [];
  for (const send of billed) {
    const account = byTenant.get(send.tenantId)!;
    const market = marketOfPhone(send.phone);
    const decision = decidePricing({
      category: categoryFor(send, account, market),
      windowOpen: send.windowOpen,
      entryPointOpen: entryPoint.has(send.messageId),
      at: send.at,
    });
    const query = { tenantId: send.tenantId, currency: account.currency, market, decision, at: send.at };
    const price = await pricer.price(query, decision.tiered ? await pricer.nextNth(query) : null);
    if (!price)
      throw unprocessable(
        "rate_unavailable",
        `No ${account.currency} rate for ${decision.rateCategory} messages to market ${market}; a platform admin must import the rate card`,
      );
    const balance = balances.get(send.tenantId)!;
    checkBalance(account, balance, price.totalMicros, decision);
    balances.set(send.tenantId, balance - price.totalMicros);
    rows.push({
      messageId: send.messageId,
      tenantId: send.tenantId,
      phoneNumberId: send.phoneNumberId,
      templateId: send.templateId,
      market,
      currency: account.currency,
      estimatedCategory: decision.category,
      estimatedType: decision.type,
      tiered: decision.tiered,
      estimateMicros: price.totalMicros,
      state: "reserved",
      acceptedAt: send.at,
    });
  }
  if (rows.length === 0) return;
  // One JSON parameter (src/db/json-insert.ts), not Drizzle's per-column builder: a campaign chunk
  // reserves a thousand messages at once.
  await insertReturning(tx, billingMessages, rows, { returning: ["messageId"] });
  await post(
    context,
    rows
      .filter((row) => row.estimateMicros > 0)
      .map((row) => ({
        tenantId: row.tenantId,
        kind: "reservation" as const,
        key: `reservation:${row.messageId}`,
        messageId: row.messageId,
        author: "system",
        lines: [
          { account: "wallet" as const, amountMicros: -row.estimateMicros },
          { account: "reserved" as const, amountMicros: row.estimateMicros },
        ],
      })),
  );
}

function checkBalance(account: Account, balance: number, price: number, decision: PricingDecision) {
  const extensions = {
    balance: formatMicros(balance),
    price: formatMicros(price),
    currency: account.currency,
  };
  if (decision.category === "marketing" && balance <= 0)
    throw insufficientBalance(
      "Marketing messages are blocked while the balance is zero or less; top up the wallet",
      extensions,
    );
  if (price > 0 && balance - price < -account.creditLimitMicros)
    throw insufficientBalance(
      `This message costs ${formatMicros(price)} ${account.currency} and the balance is ${formatMicros(balance)} (credit limit ${formatMicros(account.creditLimitMicros)}); top up the wallet`,
      extensions,
    );
}
