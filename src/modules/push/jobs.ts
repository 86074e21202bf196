import type { EventOf, EventSubscriber } from "../../events/index.ts";
import { defineJob, enqueueMany, type JobDefinition } from "../../jobs/queue.ts";
import type { PushNotice } from "./notices.ts";
import { PUSH_QUEUE } from "./queues.ts";
import { deliverPush } from "./service.ts";

// The portal's inbox route: the service worker opens it when the notification is clicked.
const inboxUrl = (conversationId: string) => `/conversations/${conversationId}`;

function noticeOf(event: EventOf<"conversation.assigned"> | EventOf<"agent.mentioned">): PushNotice | null {
  if (event.type === "agent.mentioned") {
    const { userId, conversationId, body } = event.data;
    const text = body.length > 140 ? `${body.slice(0, 139)}…` : body;
    return { userId, kind: "mentioned", text, url: inboxUrl(conversationId), tag: `note:${conversationId}` };
  }
  const { assigneeId, previousAssigneeId, conversationId, note } = event.data;
  if (!assigneeId || assigneeId === previousAssigneeId) return null;
  return {
    userId: assigneeId,
    kind: "assigned",
    text: note ?? null,
    url: inboxUrl(conversationId),
    tag: `conversation:${conversationId}`,
  };
}

/** Conversations newly assigned to someone and mentions become Web Push notices (sent by a job, after commit). */
export const pushSubscriber: EventSubscriber = {
  name: "push.notices",
  async handle(context, events) {
    const notices = events.flatMap((event) =>
      event.type === "conversation.assigned" || event.type === "agent.mentioned"
        ? (noticeOf(event) ?? [])
        : [],
    );
    await enqueueMany(context, PUSH_QUEUE, notices);
  },
};

export const pushJobs: JobDefinition[] = [
  defineJob(PUSH_QUEUE, {
    work: { batchSize: 10 },
    handler: async (jobs, services) => {
      for (const job of jobs) await deliverPush(services, job.data);
    },
  }),
];
