/**
 * The messages module's public surface: sending (checks, storage, dispatch), Meta's webhooks
 * (receiver, ingest of statuses and inbound messages), STOP keywords, media and partitions.
 */
import type { ModuleRecord } from "../../app/module.ts";
import { messagingJobs } from "./jobs.ts";
import { whatsappWebhookReceiver } from "./receiver.ts";
import { messagesRoutes } from "./routes.ts";

export { type BulkTemplateMessage, queueTemplateMessages, templateRecipientsSince } from "./bulk.ts";
export { type MessageEventType, type MessageView, messageView } from "./events.ts";
export { inboundCount, repliedMessage } from "./inbound-context.ts";
export type { SendMessageInput } from "./input.ts";
export { ensureMessagePartitions } from "./partitions.ts";
export { acceptMessage, type MessageRow } from "./send.ts";

export const messagesModule: ModuleRecord = {
  name: "messages",
  routes: messagesRoutes,
  publicRoutes: whatsappWebhookReceiver,
  jobs: messagingJobs,
};
