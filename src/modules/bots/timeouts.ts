import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor as Tx } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";
import { surveyTarget } from "../conversations/index.ts";
import { acceptMessage } from "../messages/index.ts";
import { BOT_TIMEOUT_QUEUE } from "./queues.ts";
import { botFlowVersions, botSessions } from "./schema.ts";
import { render } from "./steps.ts";

/**
 * No answer to a question in time. A session that moved since (another step) ignores it. A
 * conversation with a message since the session last changed waits as long again: an answer
 * being processed right now (its job has not saved the session yet) must not get the reminder
 * after the flow's reply. "remind" sends the reminder once (inside the window) and waits as long
 * again; then, or with "close", the session closes and counts as a drop-off at that question.
 */
export async function handleTimeout(services: Services, sessionId: string, step: number): Promise<void> {
  const { db } = services.database;
  const [session] = await db.select().from(botSessions).where(eq(botSessions.id, sessionId));
  if (session?.status !== "active" || session.step !== step || !session.state.waiting) return;
  const [version] = await db
    .select()
    .from(botFlowVersions)
    .where(and(eq(botFlowVersions.flowId, session.flowId), eq(botFlowVersions.version, session.version)));
  const node = version?.definition.nodes.find((candidate) => candidate.id === session.state.nodeId);
  if (node?.type !== "ask" || !node.timeoutMinutes) return;
  const waitAgain = (tx: Tx) =>
    enqueue(
      { boss: services.boss, tx },
      BOT_TIMEOUT_QUEUE,
      { sessionId, step },
      {
        startAfter: Math.max(1, Math.round(node.timeoutMinutes! * 60)),
      },
    );
  const target = await surveyTarget(db, session.conversationId);
  if (target && target.lastMessageAt > session.updatedAt) {
    await db.transaction(async (tx) => {
      await tx.update(botSessions).set({ updatedAt: new Date() }).where(eq(botSessions.id, session.id));
      await waitAgain(tx);
    });
    return;
  }
  if (node.timeoutAction === "remind" && !session.reminded) {
    if (target?.windowOpen && target.contactPhone)
      await acceptMessage(
        services,
        session.tenantId,
        {
          type: "text",
          text: { body: render(node.reminder ?? node.prompt, session.state.attributes) },
          to: target.contactPhone,
          from: target.phoneNumberId,
        },
        `bot-remind:${session.id}:${step}`,
      );
    // After the reminder's acceptance: the reminder is not a message "since" for the next check.
    await db.transaction(async (tx) => {
      await tx
        .update(botSessions)
        .set({ reminded: true, updatedAt: new Date() })
        .where(eq(botSessions.id, session.id));
      await waitAgain(tx);
    });
    return;
  }
  await db
    .update(botSessions)
    .set({ status: "closed", endReason: "timeout", updatedAt: new Date() })
    .where(and(eq(botSessions.id, session.id), eq(botSessions.step, step)));
}
