import { and, eq, gt, inArray, max, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { loginThrottle } from "./auth-schema.ts";

export interface ThrottleSettings {
  maxPerEmail: number;
  maxPerIp: number;
  /** Window in which failures count, and how long a lock lasts. */
  lockMs: number;
}

export function throttleSettings(config: {
  LOGIN_MAX_FAILURES: number;
  LOGIN_MAX_FAILURES_PER_IP: number;
  LOGIN_LOCK_MINUTES: number;
}): ThrottleSettings {
  return {
    maxPerEmail: config.LOGIN_MAX_FAILURES,
    maxPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    lockMs: config.LOGIN_LOCK_MINUTES * 60_000,
  };
}

/** The throttle keys of one sign-in attempt with how many failures each may have. */
export function throttleKeys(email: string, ip: string, settings: ThrottleSettings) {
  return [
    { key: `email:${email.trim().toLowerCase()}`, max: settings.maxPerEmail },
    { key: `ip:${ip}`, max: settings.maxPerIp },
  ];
}

/** Seconds until every given key is unlocked; 0 when none is locked. */
export async function lockedForSeconds(db: Executor, keys: string[], now = new Date()): Promise<number> {
  const [row] = await db
    .select({ until: max(loginThrottle.lockedUntil) })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.lockedUntil, now)));
  const until = row?.until ? new Date(row.until) : null;
  return until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : 0;
}

/**
 * Counts one failure against each key, atomically so concurrent processes agree. A key reaching
 * its maximum within the window is locked for the lock time and its count starts over.
 * Returns the keys this failure locked.
 */
export async function recordLoginFailure(
  db: Executor,
  keys: { key: string; max: number }[],
  settings: ThrottleSettings,
  now = new Date(),
): Promise<string[]> {
  const windowStart = new Date(now.getTime() - settings.lockMs).toISOString();
  const stale = sql`${loginThrottle.windowStartedAt} <= ${windowStart}::timestamptz`;
  const locked: string[] = [];
  for (const { key, max: limit } of keys) {
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${stale} then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStartedAt} end`,
        },
      })
      .returning({ failures: loginThrottle.failures });
    if (row && row.failures >= limit) {
      await db
        .update(loginThrottle)
        .set({ failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + settings.lockMs) })
        .where(eq(loginThrottle.key, key));
      locked.push(key);
    }
  }
  return locked;
}

/** A successful sign-in forgets the email's failures (the address keeps its count). */
export async function clearLoginFailures(db: Executor, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
