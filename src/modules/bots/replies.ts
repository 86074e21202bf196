import { sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { enqueue } from "../../jobs/queue.ts";
import { surveyTarget } from "../conversations/index.ts";
import { acceptMessage } from "../messages/index.ts";
import type { BotMessage } from "./definition.ts";
import { messageBody } from "./effects.ts";
import { BOT_SEND_QUEUE, type BotSendJob } from "./queues.ts";
import { botPairPace } from "./schema.ts";
import { uploadVoiceReply } from "./speech.ts";

/** Meta's pair rate: one message per business number and user every 6 s... */
export const PAIR_RATE_MS = 6_000;
/** ...with bursts borrowing future quota (Meta allows 45; the bot keeps well under, leaving room for agents). */
export const BOT_PAIR_BURST = 10;

type Target = NonNullable<Awaited<ReturnType<typeof surveyTarget>>>;

/**
 * When each of `count` bot messages to a conversation may go (GCRA, one statement): the pace's
 * clock advances 6 s per message, and a message may run at most BOT_PAIR_BURST - 1 slots ahead of it.
 */
export async function reserveSendTimes(
  services: Services,
  conversationId: string,
  count: number,
  now = new Date(),
): Promise<Date[]> {
  const span = count * PAIR_RATE_MS;
  const [row] = await services.database.db
    .insert(botPairPace)
    .values({ conversationId, nextAt: new Date(now.getTime() + span) })
    .onConflictDoUpdate({
      target: botPairPace.conversationId,
      set: {
        nextAt: sql`greatest(${botPairPace.nextAt}, ${now.toISOString()}::timestamptz) + ${`${span} milliseconds`}::interval`,
      },
    })
    .returning({ nextAt: botPairPace.nextAt });
  const first = row!.nextAt.getTime() - span;
  const ahead = (BOT_PAIR_BURST - 1) * PAIR_RATE_MS;
  return Array.from(
    { length: count },
    (_, index) => new Date(Math.max(now.getTime(), first + index * PAIR_RATE_MS - ahead)),
  );
}

/** Sends one bot message now: a text becomes a voice note when `voice` names a voice and speech works. */
async function deliver(
  services: Services,
  target: Target,
  message: BotMessage,
  key: string,
  voice: string | null,
) {
  const mediaId =
    voice && message.kind === "text"
      ? await uploadVoiceReply(services, target.phoneNumberId, message.text, voice)
      : null;
  const body = mediaId ? { type: "audio", audio: { id: mediaId } } : messageBody(message);
  await acceptMessage(
    services,
    target.tenantId,
    { ...body, to: target.contactPhone!, from: target.phoneNumberId } as never,
    key,
  );
}

/**
 * Sends a step's messages within the pair rate: those whose time has come now, the others as
 * delayed `bot-send` jobs. Keys `bot:<key>:<n>` make a retried step replay rather than resend.
 */
export async function sendReplies(
  services: Services,
  target: Target,
  sent: BotMessage[],
  key: string,
  voice: string | null,
) {
  const messages = target.windowOpen ? sent : sent.filter((message) => message.kind === "template");
  if (!messages.length) return;
  const times = await reserveSendTimes(services, target.conversationId, messages.length);
  for (const [index, message] of messages.entries()) {
    const messageKey = `bot:${key}:${index + 1}`;
    if (times[index]!.getTime() <= Date.now()) await deliver(services, target, message, messageKey, voice);
    else
      await enqueue(
        services,
        BOT_SEND_QUEUE,
        { conversationId: target.conversationId, message, key: messageKey, voice },
        { startAfter: times[index]! },
      );
  }
}

/** A paced bot message whose time came: sent unless an agent took the conversation or the window closed. */
export async function sendPacedReply(services: Services, job: BotSendJob) {
  const target = await surveyTarget(services.database.db, job.conversationId);
  if (!target?.contactPhone || target.assigneeId) return;
  if (!target.windowOpen && job.message.kind !== "template") return;
  await deliver(services, target, job.message, job.key, job.voice);
}
