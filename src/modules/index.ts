import type { ModuleRoutes } from "../http/context.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { invitationRoutes } from "./accounts/invitation-routes.ts";
import { accountsRoutes } from "./accounts/routes.ts";
import { publicSessionRoutes, sessionRoutes } from "./accounts/session-routes.ts";
import { contactsRoutes } from "./contacts/routes.ts";
import { conversationsRoutes } from "./conversations/routes.ts";
import { messagingJobs } from "./messages/jobs.ts";
import { whatsappWebhookReceiver } from "./messages/receiver.ts";
import { messagesRoutes } from "./messages/routes.ts";
import { numberJobs } from "./numbers/jobs.ts";
import { numbersRoutes } from "./numbers/routes.ts";
import { sandboxRoutes } from "./sandbox/routes.ts";
import { templateJobs } from "./templates/jobs.ts";
import { templatesRoutes } from "./templates/routes.ts";
import { webhookJobs } from "./webhooks/jobs.ts";
import { webhooksRoutes } from "./webhooks/routes.ts";

/** Every module's routes, mounted under /v1. */
export const moduleRoutes: ModuleRoutes[] = [
  accountsRoutes,
  sessionRoutes,
  invitationRoutes,
  sandboxRoutes,
  numbersRoutes,
  contactsRoutes,
  conversationsRoutes,
  messagesRoutes,
  webhooksRoutes,
  templatesRoutes,
];

/** Routes outside the authenticated /v1 scope: Meta's signed webhooks, sign-in and invitation acceptance. */
export const publicRoutes: ModuleRoutes[] = [whatsappWebhookReceiver, publicSessionRoutes];

/** Every module's background jobs. */
export const moduleJobs: JobDefinition[] = [...messagingJobs, ...webhookJobs, ...templateJobs, ...numberJobs];
