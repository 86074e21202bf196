import type { Services } from "../../app/services.ts";
import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { accountToken, numbersByIds } from "../numbers/index.ts";
import { markIdleAway } from "./agents.ts";
import { escalateUnassigned } from "./assignment.ts";
import { autoAssign, queuedConversations } from "./auto-assign.ts";
import { wakeSnoozed } from "./lifecycle.ts";
import { INBOX_TICK_QUEUE, MARK_READ_QUEUE } from "./queues.ts";
import { checkSlas } from "./sla.ts";

/** Sends Meta a read receipt, or the typing indicator (which also marks read), for a customer's message. */
export async function sendReadReceipt(
  services: Services,
  phoneNumberId: string,
  wamid: string,
  options: { typing?: boolean } = {},
) {
  const number = (await numbersByIds(services.database.db, [phoneNumberId])).get(phoneNumberId);
  if (!number) return;
  const { accessToken } = await accountToken(services, number.accountId);
  await services.graph.client(accessToken).markAsRead(number.phoneNumberId, wamid, options);
}

/** Routes waiting conversations again: agents may have come online or freed capacity. */
async function assignQueued(services: Services, now: Date): Promise<number> {
  return services.database.db.transaction(async (tx) => {
    const context = { boss: services.boss, tx };
    const queued = await queuedConversations(context);
    for (const conversation of queued) await autoAssign(context, conversation, "", now);
    return queued.length;
  });
}

/** The inbox's minute: snoozes end, idle agents turn away, queues are routed, escalations and SLA warnings fire. */
export async function inboxTick(services: Services, now = new Date()) {
  return {
    woken: await wakeSnoozed(services, now),
    away: await markIdleAway(services, now),
    assigned: await assignQueued(services, now),
    escalated: await escalateUnassigned(services, now),
    slaWarnings: await checkSlas(services, now),
  };
}

export const conversationJobs: JobDefinition[] = [
  defineJob(MARK_READ_QUEUE, {
    work: { batchSize: 20 },
    handler: async (jobs, services) => {
      for (const job of jobs) await sendReadReceipt(services, job.data.phoneNumberId, job.data.wamid);
    },
  }),
  defineJob(INBOX_TICK_QUEUE, {
    schedule: "* * * * *",
    handler: (_jobs, services) => inboxTick(services),
  }),
];
