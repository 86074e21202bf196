import { and, eq, gte, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import type { EventOf, EventSubscriber } from "../../events/index.ts";
import { enqueue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/problem.ts";
import { surveyTarget } from "../conversations/index.ts";
import { acceptMessage } from "../messages/index.ts";
import { listTemplates, type TemplateDefinition } from "../templates/index.ts";
import { CSAT_SEND_QUEUE } from "./queues.ts";
import { csatSurveys } from "./schema.ts";
import { getCsatSettings, surveyShape, TEMPLATE_SCORES } from "./settings.ts";

const ANSWERS = [
  { score: 3, title: "😀 Muy bien" },
  { score: 2, title: "😐 Regular" },
  { score: 1, title: "🙁 Mal" },
] as const;
const DEFAULT_QUESTION = "¿Cómo te atendimos? / How did we do?";

/** A resolved conversation of a team that asks: a survey is queued with who handled it. */
async function onResolved(
  context: Parameters<EventSubscriber["handle"]>[0],
  event: EventOf<"conversation.status_changed">,
) {
  const target = await surveyTarget(context.tx, event.data.conversationId);
  if (!target?.surveyOnResolve) return;
  const [survey] = await context.tx
    .insert(csatSurveys)
    .values({
      tenantId: target.tenantId,
      conversationId: target.conversationId,
      assigneeId: target.assigneeId,
      teamId: target.teamId,
    })
    .returning({ id: csatSurveys.id });
  await enqueue(context, CSAT_SEND_QUEUE, { surveyId: survey!.id });
}

/**
 * A customer's answer `csat:<survey>:<score>` answers its survey once: a reply button's id (inside
 * the window) or a template quick-reply button's payload (outside it).
 */
async function onAnswer(tx: Executor, event: EventOf<"message.received">) {
  const content = event.data.content as {
    interactive?: { button_reply?: { id?: string } };
    button?: { payload?: string };
  };
  const answer = content.interactive?.button_reply?.id ?? content.button?.payload ?? "";
  const match = /^csat:([0-9a-f-]{36}):([1-3])$/.exec(answer);
  if (!match) return;
  await tx
    .update(csatSurveys)
    .set({ status: "answered", score: Number(match[2]), answeredAt: new Date() })
    .where(
      and(
        eq(csatSurveys.id, match[1]!),
        eq(csatSurveys.tenantId, event.tenantId),
        eq(csatSurveys.status, "sent"),
      ),
    );
}

export const csatSubscriber: EventSubscriber = {
  name: "csat.surveys",
  async handle(context, events) {
    for (const event of events) {
      if (event.type === "conversation.status_changed" && event.data.to === "resolved")
        await onResolved(context, event);
      if (event.type === "message.received") await onAnswer(context.tx, event);
    }
  },
};

type SendMessageInput = Parameters<typeof acceptMessage>[2];
type Survey = typeof csatSurveys.$inferSelect;
type Target = NonNullable<Awaited<ReturnType<typeof surveyTarget>>>;

/** The question as three reply buttons: free-form, so only inside the customer service window. */
function buttonsMessage(survey: Survey, target: Target, to: string): SendMessageInput {
  return {
    to,
    from: target.phoneNumberId,
    type: "interactive",
    interactive: {
      type: "button",
      body: { text: target.question ?? DEFAULT_QUESTION },
      action: {
        buttons: ANSWERS.map((answer) => ({
          type: "reply" as const,
          reply: { id: `csat:${survey.id}:${answer.score}`, title: answer.title },
        })),
      },
    },
  };
}

/** The tenant's approved CSAT template, its quick-reply buttons carrying the answers as payloads. */
async function templateMessage(
  db: Executor,
  survey: Survey,
  target: Target,
  to: string,
): Promise<SendMessageInput | null> {
  const { template } = await getCsatSettings(db, survey.tenantId);
  if (!template) return null;
  const found = await listTemplates(db, survey.tenantId, { ...template, status: "approved", limit: 1 });
  const definition = found.data[0]?.definition as TemplateDefinition | undefined;
  if (!definition) return null;
  const { quickReplies } = surveyShape(definition);
  return {
    to,
    from: target.phoneNumberId,
    type: "template",
    template: {
      ...template,
      parameters: {
        buttons: quickReplies.slice(0, 3).map((index, position) => ({
          index,
          text: `csat:${survey.id}:${TEMPLATE_SCORES[position]}`,
        })),
      },
    },
  };
}

async function skip(db: Executor, surveyId: string, reason: string) {
  await db
    .update(csatSurveys)
    .set({ status: "skipped", skippedReason: reason })
    .where(eq(csatSurveys.id, surveyId));
}

/**
 * Sends the question: reply buttons while the customer service window is open; outside it the
 * tenant's CSAT template (a template may be sent any time, with consent); else the survey is skipped.
 */
export async function sendSurvey(services: Services, surveyId: string): Promise<void> {
  const { db } = services.database;
  const [survey] = await db.select().from(csatSurveys).where(eq(csatSurveys.id, surveyId));
  if (survey?.status !== "queued") return;
  const target = await surveyTarget(db, survey.conversationId);
  const to = target?.contactPhone;
  if (!target || !to) return skip(db, surveyId, "no_recipient");
  const message = target.windowOpen
    ? buttonsMessage(survey, target, to)
    : await templateMessage(db, survey, target, to);
  if (!message) return skip(db, surveyId, "window_closed");
  try {
    const accepted = await acceptMessage(services, survey.tenantId, message, `csat:${survey.id}`);
    await db
      .update(csatSurveys)
      .set({ status: "sent", messageId: accepted.message.id })
      .where(eq(csatSurveys.id, surveyId));
  } catch (error) {
    // Refused before Meta (no consent, a template gone): the survey says why instead of retrying.
    if (error instanceof AppError) return skip(db, surveyId, error.code);
    throw error;
  }
}

/** Results per agent and per team: surveys sent, answers, average score (1-3) and the share of 3s. */
export async function csatResults(db: Executor, tenantId: string, since: Date) {
  const by = async (column: typeof csatSurveys.assigneeId | typeof csatSurveys.teamId) =>
    db
      .select({
        id: column,
        sent: sql<number>`count(*) filter (where ${csatSurveys.status} in ('sent', 'answered'))::int`,
        answered: sql<number>`count(${csatSurveys.score})::int`,
        averageScore: sql<number | null>`round(avg(${csatSurveys.score}), 2)::float8`,
        satisfiedShare: sql<
          number | null
        >`round(avg(case when ${csatSurveys.score} = 3 then 1.0 when ${csatSurveys.score} is not null then 0.0 end), 2)::float8`,
      })
      .from(csatSurveys)
      .where(and(eq(csatSurveys.tenantId, tenantId), gte(csatSurveys.createdAt, since)))
      .groupBy(column);
  return { since, agents: await by(csatSurveys.assigneeId), teams: await by(csatSurveys.teamId) };
}
