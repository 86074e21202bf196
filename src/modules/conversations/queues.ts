import { queue } from "../../jobs/queue.ts";

/** Tells Meta a customer's message was read (and so every earlier one). */
export const MARK_READ_QUEUE = queue<{ phoneNumberId: string; wamid: string }>("conversations-mark-read", {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
});

/** Every minute: snoozes that end, idle agents, escalations, SLA warnings, queued conversations. */
export const INBOX_TICK_QUEUE = queue<Record<string, never>>("conversations-tick", {
  retryLimit: 0,
  policy: "singleton",
});
