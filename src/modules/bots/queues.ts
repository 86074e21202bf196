import { queue } from "../../jobs/queue.ts";
import type { BotMessage } from "./definition.ts";

/** One inbound message for the bots (queued in the message's own transaction). */
export interface BotInboundJob {
  tenantId: string;
  messageId: string;
  conversationId: string;
  contactId: string;
  phoneNumberId: string;
  text: string;
  replyId?: string | undefined;
  replyToWamid?: string | null | undefined;
  /** A voice note: transcribed, its words then drive the flow like a text. */
  audioMediaId?: string | undefined;
}

export const BOT_INBOUND_QUEUE = queue<BotInboundJob>("bot-inbound", { retryLimit: 3, retryDelay: 5 });

/** No answer in time: remind or close; `step` says which wait it was queued for. */
export const BOT_TIMEOUT_QUEUE = queue<{ sessionId: string; step: number }>("bot-timeout", {
  retryLimit: 3,
  retryDelay: 10,
});

/** A bot message held back by the pair rate, sent when its time comes. */
export interface BotSendJob {
  conversationId: string;
  message: BotMessage;
  /** The message's idempotency key. */
  key: string;
  /** The espeak-ng voice when it goes as a voice note. */
  voice: string | null;
}

export const BOT_SEND_QUEUE = queue<BotSendJob>("bot-send", { retryLimit: 5, retryDelay: 5 });
