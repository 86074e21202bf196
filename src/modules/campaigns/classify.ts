import { sql } from "drizzle-orm";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { Executor } from "../../db/client.ts";
import { marketOfCountry, marketOfPhone } from "../billing/index.ts";
import { type Contact, isOptedIn, isOptedOut } from "../contacts/index.ts";
import { rowsOf } from "./sql.ts";
import type { FrequencyCap, SkipReason } from "./types.ts";

/** After Meta refused a marketing message with 131049, the contact is left alone this long. */
export const META_LIMIT_COOLDOWN_MS = 24 * 3_600_000;
/** Meta's pair rate: one message per business number and user every 6 s. */
export const PAIR_RATE_MS = 6_000;

/** What earlier campaigns did to a contact, as the exclusions need it. */
export interface ContactHistory {
  /** Marketing messages queued within the frequency cap's period. */
  marketing: number;
  /** Meta refused a marketing message with 131049 within the cool-down. */
  metaLimited: boolean;
  /** The last time any campaign queued a message to the contact (pair rate). */
  lastQueuedAt: Date | null;
}

/**
 * The campaign history of a chunk's contacts, in one statement over campaign_recipients. The
 * frequency cap counts campaign sends (the marketing messages Charla sends in bulk).
 */
export async function historyOf(
  db: Executor,
  tenantId: string,
  contactIds: string[],
  cap: FrequencyCap | null,
  now: Date,
): Promise<Map<string, ContactHistory>> {
  const history = new Map<string, ContactHistory>();
  if (contactIds.length === 0) return history;
  const capSince = new Date(now.getTime() - (cap?.periodHours ?? 0) * 3_600_000).toISOString();
  const limitSince = new Date(now.getTime() - META_LIMIT_COOLDOWN_MS).toISOString();
  const result = await db.execute(sql`
    select contact_id,
      count(*) filter (where category = 'marketing' and status in ('queued', 'sent', 'delivered', 'read')
        and queued_at >= ${capSince}::timestamptz) as marketing,
      coalesce(bool_or(error_code = 131049 and failed_at >= ${limitSince}::timestamptz), false) as meta_limited,
      max(queued_at) as last_queued_at
    from campaign_recipients
    where tenant_id = ${tenantId}
      and contact_id in (select jsonb_array_elements_text(${JSON.stringify(contactIds)}::jsonb)::uuid)
    group by contact_id`);
  for (const row of rowsOf<{
    contact_id: string;
    marketing: number | string;
    meta_limited: boolean;
    last_queued_at: string | Date | null;
  }>(result))
    history.set(row.contact_id, {
      marketing: Number(row.marketing),
      metaLimited: row.meta_limited,
      lastQueuedAt: row.last_queued_at === null ? null : new Date(row.last_queued_at),
    });
  return history;
}

/** What a campaign needs of a contact's phone, parsed once: its country, whether it is valid, its billing market. */
export interface PhoneFacts {
  /** ISO 3166; undefined for a user id only, or an unknown number. */
  country: string | undefined;
  /** A user id only (no phone) counts as valid: Meta reaches it by its id. */
  valid: boolean;
  market: string;
}

export function phoneFacts(contact: Pick<Contact, "phone">): PhoneFacts {
  if (!contact.phone)
    return { country: undefined, valid: contact.phone === null, market: marketOfPhone(null) };
  const parsed = parsePhoneNumberFromString(contact.phone);
  return {
    country: parsed?.country,
    valid: parsed?.isValid() ?? false,
    // As billing places it: a number libphonenumber cannot place precisely has its calling code's main country.
    market: marketOfCountry(parsed?.country ?? parsed?.getPossibleCountries()[0]),
  };
}

/**
 * Why a contact gets no message of a campaign (null: it may get one), checked in the order of
 * SKIP_REASONS so each excluded contact is counted once, under its first reason.
 */
export function exclusionOf(
  contact: Contact,
  phone: Pick<PhoneFacts, "country" | "valid">,
  marketing: boolean,
  history: ContactHistory | undefined,
  cap: FrequencyCap | null,
): SkipReason | null {
  if (!phone.valid) return "invalid_number";
  if (isOptedOut(contact)) return "opted_out";
  if (!isOptedIn(contact)) return "no_opt_in";
  if (!marketing) return null;
  // Meta does not deliver marketing templates to US numbers (131049): not worth paying to try.
  if (phone.country === "US") return "us_number";
  if (history?.metaLimited) return "meta_marketing_limit";
  if (cap && (history?.marketing ?? 0) >= cap.max) return "frequency_cap";
  return null;
}

/** A reply this soon after a campaign message is the campaign's. */
export const REPLY_ATTRIBUTION_MS = 24 * 3_600_000;
