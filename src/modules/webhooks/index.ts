/** The webhooks module's public surface: customer subscriptions, signed deliveries, replays. */
import type { ModuleRecord } from "../../app/module.ts";
import { webhookJobs } from "./jobs.ts";
import { webhooksRoutes } from "./routes.ts";
import { customerWebhooks } from "./subscriber.ts";

export { eventTypes, type WebhookEvent } from "./events.ts";
export { type PublishInput, type PublishResult, publishEvent, publishEvents } from "./publish.ts";
export { checkWebhookUrl } from "./url-policy.ts";

export const webhooksModule: ModuleRecord = {
  name: "webhooks",
  routes: webhooksRoutes,
  jobs: webhookJobs,
  subscribers: [customerWebhooks],
};
