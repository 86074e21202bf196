import { and, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { loginThrottle, userSessions } from "./auth-schema.ts";
import { type ThrottleSettings, throttleSettings } from "./login-throttle.ts";
import { ACCOUNTS_SWEEP_QUEUE } from "./queues.ts";
import { type SessionSettings, sessionSettings } from "./sessions.ts";

/**
 * Drops sessions past their idle or absolute end and throttle counts whose window and lock are
 * over: both tables would otherwise grow with every sign-in and every guessed email.
 */
export async function sweepAuthState(
  db: Executor,
  settings: { sessions: SessionSettings; throttle: ThrottleSettings },
  now = new Date(),
): Promise<{ sessions: number; throttle: number }> {
  const sessions = await db
    .delete(userSessions)
    .where(
      or(
        lt(userSessions.expiresAt, now),
        lt(userSessions.lastSeenAt, new Date(now.getTime() - settings.sessions.idleMs)),
      ),
    )
    .returning({ id: userSessions.id });
  const throttle = await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.windowStartedAt, new Date(now.getTime() - settings.throttle.lockMs)),
        or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return { sessions: sessions.length, throttle: throttle.length };
}

export const accountJobs: JobDefinition[] = [
  defineJob(ACCOUNTS_SWEEP_QUEUE, {
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
    schedule: "41 * * * *",
    handler: async (_jobs, { database, config }) =>
      sweepAuthState(database.db, { sessions: sessionSettings(config), throttle: throttleSettings(config) }),
  }),
];
