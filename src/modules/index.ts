import type { ModuleRoutes } from "../http/context.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { accountsRoutes } from "./accounts/routes.ts";
import { contactsRoutes } from "./contacts/routes.ts";
import { conversationsRoutes } from "./conversations/routes.ts";
import { messagingJobs } from "./messages/jobs.ts";
import { whatsappWebhookReceiver } from "./messages/receiver.ts";
import { messagesRoutes } from "./messages/routes.ts";
import { numberJobs } from "./numbers/jobs.ts";
import { numbersRoutes } from "./numbers/routes.ts";
import { templateJobs } from "./templates/jobs.ts";
import { templatesRoutes } from "./templates/routes.ts";
import { webhookJobs } from "./webhooks/jobs.ts";
import { webhooksRoutes } from "./webhooks/routes.ts";

/** Every module's routes, mounted under /v1. */
export const moduleRoutes: ModuleRoutes[] = [
  accountsRoutes,
  numbersRoutes,
  contactsRoutes,
  conversationsRoutes,
  messagesRoutes,
  webhooksRoutes,
  templatesRoutes,
];

/** Routes outside /v1 that authenticate themselves (Meta's signed webhooks). */
export const publicRoutes: ModuleRoutes[] = [whatsappWebhookReceiver];

/** Every module's background jobs. */
export const moduleJobs: JobDefinition[] = [...messagingJobs, ...webhookJobs, ...templateJobs, ...numberJobs];
