import type { BusinessHours } from "./schema.ts";

const WEEKDAYS: Record<string, string> = {
  Mon: "1",
  Tue: "2",
  Wed: "3",
  Thu: "4",
  Fri: "5",
  Sat: "6",
  Sun: "7",
};

/** The local date, ISO weekday and HH:MM of an instant in a timezone. */
export function localTime(at: Date, timezone: string): { date: string; weekday: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? "1",
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Whether a team is open at `at`: no hours means always; holidays (local dates) are closed all day. */
export function withinBusinessHours(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const local = localTime(at, hours.timezone);
  if (hours.holidays.includes(local.date)) return false;
  const ranges = hours.weekly[local.weekday as keyof BusinessHours["weekly"]] ?? [];
  return ranges.some(([from, to]) => local.time >= from && local.time < to);
}

/** A timezone Intl knows (checked when a team is saved). */
export function isTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
