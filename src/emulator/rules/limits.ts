/**
 * Messaging limits per business portfolio (since October 2025): unique users a portfolio reaches
 * with business-initiated messages (templates outside a service window) per rolling 24 h, on the
 * ladder 250, 2K, 10K, 100K, unlimited. Once half the limit is used and no number is RED, the
 * portfolio scales one level after `scaleDelayMs` (6 h at Meta), with webhooks; at unlimited its
 * numbers get the throughput upgrade.
 */
import type { EmulatorContext } from "../context.ts";
import { sendPhoneQualityUpdate } from "../quality.ts";
import type { PhoneState, PortfolioState } from "../state.ts";
import { nextTier, tierUsers } from "./config.ts";
import { startThroughputUpgrade } from "./throughput.ts";

export function portfolioOf(ctx: EmulatorContext, phone: PhoneState): PortfolioState | undefined {
  const portfolioId = ctx.state.wabas.get(phone.wabaId)?.portfolioId ?? phone.wabaId;
  return ctx.state.portfolios.get(portfolioId);
}

export function phonesOfPortfolio(ctx: EmulatorContext, portfolio: PortfolioState): PhoneState[] {
  return [...ctx.state.wabas.values()]
    .filter((w) => w.portfolioId === portfolio.id)
    .flatMap((w) => ctx.state.phoneOfWaba(w.id));
}

/** Moves a portfolio's limit; its numbers mirror it and each sends phone_number_quality_update. */
export function setPortfolioTier(
  ctx: EmulatorContext,
  portfolio: PortfolioState,
  tier: string,
  event: string,
) {
  portfolio.tier = tier;
  for (const phone of phonesOfPortfolio(ctx, portfolio)) {
    const old = phone.messagingLimitTier;
    phone.messagingLimitTier = tier as PhoneState["messagingLimitTier"];
    sendPhoneQualityUpdate(ctx, phone, event, old);
  }
  if (tier === "TIER_UNLIMITED")
    for (const phone of phonesOfPortfolio(ctx, portfolio)) startThroughputUpgrade(ctx, phone);
}

function maybeScale(ctx: EmulatorContext, portfolio: PortfolioState) {
  const rule = ctx.config.messagingLimits;
  if (!rule.autoScale || portfolio.scalePending || portfolio.tier === "TIER_UNLIMITED") return;
  if (portfolio.reached.size < tierUsers(portfolio.tier) / 2) return;
  if (phonesOfPortfolio(ctx, portfolio).some((p) => p.qualityRating === "RED")) return;
  portfolio.scaleDueAt = Date.now() + rule.scaleDelayMs;
  resumeScaling(ctx, portfolio);
}

/** Steps the portfolio up at its due time (after a restart too: at the original time). */
export function resumeScaling(ctx: EmulatorContext, portfolio: PortfolioState): void {
  const due = portfolio.scaleDueAt;
  portfolio.scalePending = due !== undefined;
  if (due === undefined) return;
  ctx.timers.at(due, () => {
    if (portfolio.scaleDueAt !== due) return;
    portfolio.scaleDueAt = undefined;
    portfolio.scalePending = false;
    setPortfolioTier(ctx, portfolio, nextTier(portfolio.tier), "UPGRADE");
  });
}

/**
 * For a business-initiated message: the limit's error when the portfolio has reached its limit
 * and this user is new today; otherwise records the user.
 */
export function limitFailure(ctx: EmulatorContext, phone: PhoneState, waId: string, now = Date.now()) {
  const rule = ctx.config.messagingLimits;
  const portfolio = portfolioOf(ctx, phone);
  if (!rule.enabled || !portfolio) return undefined;
  for (const [user, at] of portfolio.reached) if (now - at >= rule.windowMs) portfolio.reached.delete(user);
  if (!portfolio.reached.has(waId) && portfolio.reached.size >= tierUsers(portfolio.tier))
    return rule.errorCode;
  portfolio.reached.set(waId, now);
  maybeScale(ctx, portfolio);
  return undefined;
}
