import { CronExpressionParser } from "cron-parser";
import { unprocessable } from "../../lib/problem.ts";
import type { Schedule } from "./types.ts";

/** A scheduled time this far in the past is refused (a clock skew or a slow form is not). */
const PAST_TOLERANCE_MS = 60_000;

function cronAfter(schedule: Schedule, after: Date): Date {
  try {
    return CronExpressionParser.parse(schedule.cron ?? "", {
      currentDate: after,
      tz: schedule.timezone,
    })
      .next()
      .toDate();
  } catch (error) {
    throw unprocessable("invalid_cron", `The cron expression "${schedule.cron}" is not valid: ${error}`);
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC at `at`, in milliseconds. */
function zoneOffsetMs(zone: string, at: number): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** A local date and time (YYYY-MM-DDTHH:MM[:SS]) in `zone` as an instant; null when not a real date. */
export function localToUtc(local: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0));
  const naive = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(naive);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23) return null;
  // Two passes settle the offset across a daylight-saving change.
  let at = naive - zoneOffsetMs(zone, naive);
  at = naive - zoneOffsetMs(zone, at);
  return new Date(at);
}

/** When the first run starts; refuses a time in the past, a bad local time or a bad cron expression. */
export function firstRunAt(schedule: Schedule, now = new Date()): Date {
  if (schedule.kind === "now") return now;
  if (schedule.kind === "cron") {
    if (schedule.cron?.trim().split(/\s+/).length !== 5)
      throw unprocessable(
        "invalid_cron",
        "A recurring schedule needs five cron fields: minute hour day month weekday",
      );
    return cronAfter(schedule, now);
  }
  const at = localToUtc(schedule.at ?? "", schedule.timezone);
  if (!at)
    throw unprocessable("invalid_schedule", "Give `at` as a real local date and time, YYYY-MM-DDTHH:MM");
  if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS)
    throw unprocessable("schedule_in_past", `${schedule.at} in ${schedule.timezone} has already passed`);
  return at;
}

/** The next run of a recurring campaign after `after`; null for a one-off. */
export function nextRunAfter(schedule: Schedule, after: Date): Date | null {
  return schedule.kind === "cron" ? cronAfter(schedule, after) : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function minutesOfDay(zone: string, at: Date): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(zone, format);
  }
  const [hour, minute] = format.format(at).split(":").map(Number);
  return hour! * 60 + minute!;
}

const zonesOfCountry = new Map<string, string[]>();
/** The IANA zones of a country (ISO 3166), from the runtime's own time zone data. */
export function countryZones(country: string): string[] {
  let zones = zonesOfCountry.get(country);
  if (!zones) {
    try {
      const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[] };
      zones = locale.getTimeZones?.() ?? [];
    } catch {
      zones = [];
    }
    zonesOfCountry.set(country, zones);
  }
  return zones;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours end for a contact of `country` (null: not quiet now, or the country unknown).
 * A country spanning several zones is quiet while it is quiet in any of them: nobody is woken.
 */
export function quietUntil(
  quiet: { start: string; end: string } | null | undefined,
  country: string | undefined,
  now: Date,
): Date | null {
  if (!quiet || !country) return null;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === end) return null;
  let waitMinutes = 0;
  for (const zone of countryZones(country)) {
    const local = minutesOfDay(zone, now);
    const inside = start < end ? local >= start && local < end : local >= start || local < end;
    if (inside) waitMinutes = Math.max(waitMinutes, (end - local + 1440) % 1440);
  }
  return waitMinutes > 0 ? new Date(now.getTime() + waitMinutes * 60_000 - now.getSeconds() * 1000) : null;
}
