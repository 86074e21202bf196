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
/** How long a runner held by its in-flight cap waits before it looks again. */
const IN_FLIGHT_WAIT_MS = 50;

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
 * allows. What is in flight (queued, not yet reported sent or failed) is also held to about five
 * seconds of the rate actually observed (at least a quarter second of the tier, at most two), so a
 * pause leaves little behind it even when dispatch runs slower than the tier.
 */
export class Pacer {
  private credit = 0;
  private last = Date.now();
  private completed: number | null = null;
  private rate = 0;
  readonly perSecond: number;

  constructor(perSecond: number) {
    this.perSecond = Math.max(1, perSecond);
  }

  /** How many recipients may be released now, given those in flight and those completed so far. */
  allowance(outstanding: number, completed: number): number {
    const now = Date.now();
    const seconds = (now - this.last) / 1000;
    this.credit = Math.min(this.perSecond, this.credit + seconds * this.perSecond);
    if (this.completed !== null && seconds > 0) {
      const observed = (completed - this.completed) / seconds;
      this.rate = this.rate === 0 ? observed : this.rate * 0.8 + observed * 0.2;
    }
    this.completed = completed;
    this.last = now;
    // The pipeline (dispatch, Meta, status webhooks, ingest) takes seconds under load: in flight
    // must cover that latency at the observed rate or the rate starves itself.
    const inFlightCap = Math.min(this.perSecond * 2, Math.max(this.perSecond * 0.25, 1, this.rate * 5));
    return Math.max(0, Math.floor(Math.min(this.credit, inFlightCap - outstanding)));
  }

  spend(count: number): void {
    this.credit -= count;
  }

  /**
   * Milliseconds until `count` more may go. With the credit there, what holds them is the
   * messages in flight: their statuses come back in batches, so the next look is a little later
   * (a tick every millisecond would be a transaction every millisecond, all of them waiting).
   */
  waitFor(count: number): number {
    if (this.credit >= count) return IN_FLIGHT_WAIT_MS;
    return Math.min(1_000, Math.ceil((Math.max(1, count - this.credit) / this.perSecond) * 1000));
  }
}
