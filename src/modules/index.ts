import type { ModuleRecord } from "../app/module.ts";
import { accountsModule } from "./accounts/index.ts";
import { activationModule } from "./activation/index.ts";
import { analyticsModule } from "./analytics/index.ts";
import { audiencesModule } from "./audiences/index.ts";
import { billingModule } from "./billing/index.ts";
import { botsModule } from "./bots/index.ts";
import { campaignsModule } from "./campaigns/index.ts";
import { contactsModule } from "./contacts/index.ts";
import { conversationsModule } from "./conversations/index.ts";
import { csatModule } from "./csat/index.ts";
import { messagesModule } from "./messages/index.ts";
import { numbersModule } from "./numbers/index.ts";
import { pushModule } from "./push/index.ts";
import { realtimeModule } from "./realtime/index.ts";
import { sandboxModule } from "./sandbox/index.ts";
import { templatesModule } from "./templates/index.ts";
import { webhooksModule } from "./webhooks/index.ts";

/** Every module, in the order their routes are mounted and their queues created. */
export const modules: ModuleRecord[] = [
  accountsModule,
  numbersModule,
  contactsModule,
  conversationsModule,
  messagesModule,
  webhooksModule,
  templatesModule,
  sandboxModule,
  activationModule,
  billingModule,
  realtimeModule,
  pushModule,
  csatModule,
  audiencesModule,
  campaignsModule,
  botsModule,
  analyticsModule,
];

/** Every module's routes, mounted under /v1. */
export const moduleRoutes = modules.flatMap((module) => (module.routes ? [module.routes] : []));

/** Routes outside the authenticated /v1 scope: Meta's signed webhooks, sign-in and invitation acceptance. */
export const publicRoutes = modules.flatMap((module) => (module.publicRoutes ? [module.publicRoutes] : []));

/** Every module's background jobs. */
export const moduleJobs = modules.flatMap((module) => module.jobs ?? []);

/** Every module's domain event subscribers. */
export const moduleSubscribers = modules.flatMap((module) => module.subscribers ?? []);
