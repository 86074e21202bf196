/**
 * Business-scoped user ids (since April 2026): every user has, per business portfolio, a BSUID
 * (`CC.` + alphanumerics) sent as `user_id` / `from_user_id` / `recipient_user_id` in webhooks; a
 * business may send to it with `recipient` instead of `to`; users who adopted a username have no
 * `wa_id` / `from` in webhooks. Config `businessScopedUserIds`.
 */
import { createHash } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import { GraphError } from "../graph-error.ts";
import { memoize } from "../memo.ts";
import type { PhoneState } from "../state.ts";
import { portfolioOf } from "./limits.ts";
import { countryOf } from "./marketing.ts";

/** A BSUID from `${portfolio}:${waId}` (a hash: remembered). */
const derivedBsuid = memoize((portfolioAndWaId: string) => {
  const waId = portfolioAndWaId.slice(portfolioAndWaId.indexOf(":") + 1);
  const digest = createHash("sha256").update(portfolioAndWaId).digest();
  return `${countryOf(waId) ?? "ZZ"}.${digest.readBigUInt64BE(0)}${digest.readUInt16BE(8)}`;
});

/** The user's BSUID in the number's portfolio (stable: derived from both), remembered for `recipient`. */
export function bsuidOf(ctx: EmulatorContext, phone: PhoneState, waId: string): string {
  const portfolio = portfolioOf(ctx, phone)?.id ?? phone.wabaId;
  const id = derivedBsuid(`${portfolio}:${waId}`);
  ctx.state.bsuids.set(`${portfolio}:${id}`, waId);
  return id;
}

/** The phone number behind a BSUID the business sends to (131009 if the portfolio never saw it). */
export function waIdOfBsuid(ctx: EmulatorContext, phone: PhoneState, bsuid: string): string {
  const portfolio = portfolioOf(ctx, phone)?.id ?? phone.wabaId;
  const waId = ctx.state.bsuids.get(`${portfolio}:${bsuid}`);
  if (waId === undefined)
    throw new GraphError(131009, { details: `Param recipient is not a valid user id: ${bsuid}` });
  return waId;
}

export const hidesPhone = (ctx: EmulatorContext, waId: string) =>
  ctx.config.businessScopedUserIds.usernames.includes(waId);

export const bsuidsOn = (ctx: EmulatorContext) => ctx.config.businessScopedUserIds.enabled;
