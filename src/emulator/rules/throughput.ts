/**
 * The throughput upgrade (80 to 1,000 messages per second): during it the number answers 131057
 * (account in maintenance) for `throughputUpgrade.downtimeMs` (about a minute at Meta), then
 * sends phone_number_quality_update THROUGHPUT_UPGRADE.
 */
import type { EmulatorContext } from "../context.ts";
import { GraphError } from "../graph-error.ts";
import { sendPhoneQualityUpdate } from "../quality.ts";
import type { PhoneState } from "../state.ts";

export function startThroughputUpgrade(ctx: EmulatorContext, phone: PhoneState): void {
  const { upgradedPerSecond, downtimeMs } = ctx.config.throughputUpgrade;
  if ((phone.throughputPerSecond ?? 0) >= upgradedPerSecond || phone.maintenanceUntil !== undefined) return;
  phone.maintenanceUntil = Date.now() + downtimeMs;
  resumeThroughputUpgrade(ctx, phone);
}

/** Ends the upgrade at its time (after a restart too: the downtime runs to its original end). */
export function resumeThroughputUpgrade(ctx: EmulatorContext, phone: PhoneState): void {
  const until = phone.maintenanceUntil;
  if (until === undefined) return;
  ctx.timers.at(until, () => {
    if (phone.maintenanceUntil !== until) return;
    phone.maintenanceUntil = undefined;
    phone.throughputPerSecond = ctx.config.throughputUpgrade.upgradedPerSecond;
    phone.bucket.tokens = Number.POSITIVE_INFINITY;
    sendPhoneQualityUpdate(ctx, phone, "THROUGHPUT_UPGRADE");
  });
}

/** Throws 131057 while the number's upgrade is under way. */
export function checkMaintenance(phone: PhoneState, now = Date.now()): void {
  const until = phone.maintenanceUntil;
  if (until !== undefined && now < until) throw new GraphError(131057);
}
