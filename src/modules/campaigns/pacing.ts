import type { Executor } from "../../db/client.ts";
import { templateRecipientsSince } from "../messages/index.ts";
import type { PhoneNumberRow } from "../numbers/index.ts";

/** Meta's messaging limits (2026): unique users a business portfolio may reach outside a window per rolling 24 h. */
const TIER_USERS: Record<string, number> = {
  TIER_250: 250,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
  // Pre-2025 per-number tiers, at their nearest 2026 level.
  TIER_50: 50,
  TIER_1K: 1_000,
  TIER_NOT_SET: 250,
};
export const LIMIT_WINDOW_MS = 24 * 3_600_000;

/** The portfolio's limit as the sending numbers report it (the highest; unknown counts as the lowest). */
export function portfolioLimit(numbers: Pick<PhoneNumberRow, "messagingLimitTier">[]): number {
  return Math.max(...numbers.map((number) => TIER_USERS[number.messagingLimitTier ?? ""] ?? 250));
}

/** The sending numbers' combined throughput tier, messages per second. */
export const combinedThroughput = (numbers: Pick<PhoneNumberRow, "throughputPerSecond">[]) =>
  numbers.reduce((sum, number) => sum + number.throughputPerSecond, 0);

export interface Budget {
  limit: number | null;
  used: number;
  /** Unique users still reachable in the rolling 24 h; null when unlimited. */
  remaining: number | null;
}

/** The portfolio's messaging limit, how much of it the last 24 h used, and what is left. */
export async function messagingBudget(
  db: Executor,
  tenantId: string,
  numbers: PhoneNumberRow[],
  now = new Date(),
): Promise<Budget> {
  const limit = portfolioLimit(numbers);
  const used = await templateRecipientsSince(
    db,
    tenantId,
    numbers.map((number) => number.id),
    new Date(now.getTime() - LIMIT_WINDOW_MS),
  );
  if (!Number.isFinite(limit)) return { limit: null, used, remaining: null };
  return { limit, used, remaining: Math.max(0, limit - used) };
}

/**
 * The release pace of one campaign runner: credit accrues at the numbers' combined tier and is
 * capped at one second's worth, so what is handed to dispatch never runs ahead of what Meta
 * allows, and a pause stops new sends within a second.
 */
export class Pacer {
  private credit = 0;
  private last = Date.now();
  readonly perSecond: number;

  constructor(perSecond: number) {
    this.perSecond = Math.max(1, perSecond);
  }

  /** How many recipients may be released now, given those handed over but not yet sent. */
  allowance(outstanding: number): number {
    const now = Date.now();
    this.credit = Math.min(this.perSecond, this.credit + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    return Math.max(0, Math.floor(Math.min(this.credit, this.perSecond * 2 - outstanding)));
  }

  spend(count: number): void {
    this.credit -= count;
  }

  /** Milliseconds until `count` more may go. */
  waitFor(count: number): number {
    return Math.ceil((Math.max(1, count - this.credit) / this.perSecond) * 1000);
  }
}
