import { queue } from "../../jobs/queue.ts";

/** Releases reservations Meta never settled (hourly). */
export const RESERVATION_SWEEP = queue<Record<string, never>>("billing-reservation-sweep", { retryLimit: 2 });
/** Checks that every balance is the sum of its ledger lines and every posting sums to zero (hourly). */
export const LEDGER_CHECK = queue<Record<string, never>>("billing-ledger-check", { retryLimit: 1 });
