import { queue } from "../../jobs/queue.ts";

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
}

export const BOT_INBOUND_QUEUE = queue<BotInboundJob>("bot-inbound", { retryLimit: 3, retryDelay: 5 });

/** No answer in time: remind or close; `step` says which wait it was queued for. */
export const BOT_TIMEOUT_QUEUE = queue<{ sessionId: string; step: number }>("bot-timeout", {
  retryLimit: 3,
  retryDelay: 10,
});
