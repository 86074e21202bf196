import { and, desc, eq, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { emit } from "../../events/index.ts";
import { enqueue, type TxContext } from "../../jobs/queue.ts";
import { upsertContact } from "../contacts/index.ts";
import { handOverConversation, surveyTarget } from "../conversations/index.ts";
import { acceptMessage } from "../messages/index.ts";
import type { FlowDefinition } from "./definition.ts";
import { messageBody, type RecordedEffects, recordingEffects } from "./effects.ts";
import { advance, type Inbound, type RunState, startState } from "./engine.ts";
import { type BotFlow, getFlow, publishedDefinition } from "./flows.ts";
import { globalCommand } from "./matching.ts";
import { BOT_TIMEOUT_QUEUE, type BotInboundJob } from "./queues.ts";
import { botFlowVersions, botNodeVisits, botSessionInputs, botSessions } from "./schema.ts";
import { flowForInbound } from "./triggers.ts";

type Session = typeof botSessions.$inferSelect;
type Target = NonNullable<Awaited<ReturnType<typeof surveyTarget>>>;
const BOT_ACTOR = { kind: "system" } as const;

/**
 * Performs what a step recorded: messages (only inside the customer service window, except
 * templates; each keyed by the inbound message so a retried job replays rather than resends), the
 * contact's attributes, and the handover.
 */
async function perform(services: Services, target: Target, recorded: RecordedEffects, key: string) {
  let index = 0;
  for (const message of recorded.sent) {
    index++;
    if (!target.windowOpen && message.kind !== "template") continue;
    await acceptMessage(
      services,
      target.tenantId,
      { ...messageBody(message), to: target.contactPhone!, from: target.phoneNumberId } as never,
      `bot:${key}:${index}`,
    );
  }
  if (Object.keys(recorded.contactAttributes).length)
    await upsertContact(services.database.db, target.tenantId, {
      phone: target.contactPhone!,
      attributes: recorded.contactAttributes,
    });
  if (recorded.handover)
    await handOverConversation(
      services,
      target.tenantId,
      target.conversationId,
      recorded.handover,
      BOT_ACTOR,
    );
}

/** Saves a session's new state with the input it consumed; false when another worker consumed it first. */
async function save(
  services: Services,
  session: Omit<Session, "createdAt" | "updatedAt" | "step" | "reminded" | "endReason"> & { step?: number },
  state: RunState,
  entered: string[],
  definition: FlowDefinition,
  inputMessageId: string | null,
): Promise<boolean> {
  try {
    await services.database.db.transaction(async (tx) => {
      const values = { ...session, status: state.status, state, updatedAt: new Date() };
      const [row] = await tx
        .insert(botSessions)
        .values(values)
        .onConflictDoUpdate({
          target: botSessions.id,
          set: {
            status: values.status,
            state,
            step: sql`${botSessions.step} + 1`,
            updatedAt: values.updatedAt,
          },
          // Only from the state this step started at: a session another worker moved, or an agent paused, is not overwritten.
          setWhere: and(eq(botSessions.step, session.step ?? 0), eq(botSessions.status, "active")),
        })
        .returning();
      if (!row) throw new StaleSession();
      await emitSessionChange({ boss: services.boss, tx }, row, session.step === undefined ? null : "active");
      if (inputMessageId)
        await tx.insert(botSessionInputs).values({ sessionId: row!.id, messageId: inputMessageId });
      for (const nodeId of entered)
        await tx
          .insert(botNodeVisits)
          .values({ flowId: row!.flowId, nodeId, visits: 1 })
          .onConflictDoUpdate({
            target: [botNodeVisits.flowId, botNodeVisits.nodeId],
            set: { visits: sql`${botNodeVisits.visits} + 1` },
          });
      const node = definition.nodes.find((candidate) => candidate.id === state.nodeId);
      if (state.status === "active" && node?.type === "ask" && node.timeoutMinutes)
        await enqueue(
          { boss: services.boss, tx },
          BOT_TIMEOUT_QUEUE,
          { sessionId: row!.id, step: row!.step },
          {
            startAfter: Math.max(1, Math.round(node.timeoutMinutes * 60)),
          },
        );
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** The session moved on (or was paused) while this step ran: the job is retried from the new state. */
class StaleSession extends Error {
  constructor() {
    super("The bot session changed while a step ran");
  }
}

async function latestSession(services: Services, conversationId: string) {
  const [row] = await services.database.db
    .select()
    .from(botSessions)
    .where(eq(botSessions.conversationId, conversationId))
    .orderBy(desc(botSessions.createdAt))
    .limit(1);
  return row ?? null;
}

async function endSession(
  services: Services,
  session: Session,
  status: "closed" | "stopped" | "handed_over",
  reason: string | null,
) {
  await services.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(botSessions)
      .set({ status, endReason: reason, updatedAt: new Date() })
      .where(and(eq(botSessions.id, session.id), eq(botSessions.status, session.status)))
      .returning();
    if (row) await emitSessionChange({ boss: services.boss, tx }, row, session.status);
  });
}

/** A session started or ended (completed, handed over...): the internal `bot.session_changed` event, for analytics. */
async function emitSessionChange(context: TxContext, row: Session, from: Session["status"] | null) {
  if (from === row.status) return;
  const data: BotSessionChangedData = { sessionId: row.id, flowId: row.flowId, from, to: row.status };
  await emit(context, { type: "bot.session_changed", tenantId: row.tenantId, data });
}

/** What the internal `bot.session_changed` event carries (`from` null: the session started). */
export interface BotSessionChangedData {
  sessionId: string;
  flowId: string;
  from: string | null;
  to: string;
}

async function flowDefinition(services: Services, flow: BotFlow) {
  return publishedDefinition(services.database.db, flow);
}

/** Runs one step of a session (new or stored) and performs and saves it. */
async function step(
  services: Services,
  target: Target,
  job: BotInboundJob,
  run: { flow: BotFlow; definition: FlowDefinition; session: Session | null; input: Inbound | null },
) {
  const { effects, recorded } = recordingEffects(services);
  const before = run.session ? structuredClone(run.session.state) : startState(run.definition);
  const { state, entered } = await advance(run.definition, before, run.input, effects);
  await perform(services, target, recorded, `${job.messageId}:${run.session?.step ?? 0}`);
  await save(
    services,
    run.session ?? {
      id: crypto.randomUUID(),
      tenantId: job.tenantId,
      flowId: run.flow.id,
      version: run.flow.publishedVersion!,
      conversationId: job.conversationId,
      contactId: job.contactId,
      status: "active",
      state,
    },
    state,
    entered,
    run.definition,
    job.messageId,
  );
}

/** Starts the flow the message triggers (or `flow`), the message being the trigger, not an answer. */
async function start(services: Services, target: Target, job: BotInboundJob, chosen?: BotFlow | null) {
  const flow = chosen ?? (await flowForInbound(services.database.db, job));
  const definition = flow ? await flowDefinition(services, flow) : null;
  if (!flow || !definition) return;
  await step(services, target, job, {
    flow,
    definition,
    session: null,
    input: { text: job.text, replyId: job.replyId },
  });
}

/**
 * An inbound message for the bots: a global command (menu, agent, stop), the answer to the running
 * session's question, or the trigger of a new session. Silent while an agent has the conversation
 * or after a handover or stop until the conversation is resolved.
 */
const running = new Map<string, Promise<void>>();

/**
 * One conversation's messages are handled one after another in this process (a customer's quick
 * "stop" then "ok" must not race); across processes the step check in `save` catches it.
 */
export function handleInbound(services: Services, job: BotInboundJob): Promise<void> {
  const previous = running.get(job.conversationId) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => handleInboundNow(services, job));
  running.set(job.conversationId, current);
  const forget = () => {
    if (running.get(job.conversationId) === current) running.delete(job.conversationId);
  };
  current.then(forget, forget);
  return current;
}

async function handleInboundNow(services: Services, job: BotInboundJob): Promise<void> {
  const { db } = services.database;
  const [consumed] = await db
    .select()
    .from(botSessionInputs)
    .where(eq(botSessionInputs.messageId, job.messageId));
  if (consumed) return;
  const target = await surveyTarget(db, job.conversationId);
  if (!target?.contactPhone || target.assigneeId) return;
  const latest = await latestSession(services, job.conversationId);
  const live = latest?.status === "active" ? latest : null;
  const holding = latest && ["paused", "handed_over", "stopped"].includes(latest.status) && !latest.endReason;
  const command = job.replyId ? null : globalCommand(job.text);
  if (command === "stop") {
    // Stopped, it stays quiet (holds the conversation) until the conversation is resolved.
    if (live) await endSession(services, live, "stopped", null);
    return;
  }
  if (command === "menu") {
    const paused = latest?.status === "paused" ? latest : null;
    if (live ?? paused) await endSession(services, (live ?? paused)!, "closed", "menu");
    const flow = latest ? await getFlow(db, job.tenantId, latest.flowId) : null;
    return start(services, target, job, flow);
  }
  if (holding) return;
  if (command === "agent") {
    const { effects, recorded } = recordingEffects(services);
    const summary = live?.state.answers.map((answer) => `• ${answer.question}: ${answer.answer}`) ?? [];
    await effects.handover({}, ["The customer asked for a person", ...summary].join("\n"));
    await perform(services, target, recorded, job.messageId);
    if (live) await endSession(services, live, "handed_over", null);
    return;
  }
  if (!live) return start(services, target, job);
  const flow = await getFlow(db, job.tenantId, live.flowId);
  const definition = await botDefinitionOf(services, live);
  if (definition)
    await step(services, target, job, {
      flow,
      definition,
      session: live,
      input: { text: job.text, replyId: job.replyId },
    });
}

/** A session runs the version it started on, even after a newer publish. */
async function botDefinitionOf(services: Services, session: Session) {
  const [row] = await services.database.db
    .select({ definition: botFlowVersions.definition })
    .from(botFlowVersions)
    .where(and(eq(botFlowVersions.flowId, session.flowId), eq(botFlowVersions.version, session.version)));
  return row?.definition ?? null;
}
