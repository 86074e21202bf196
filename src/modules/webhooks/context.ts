import type { Services } from "../../http/context.ts";

/**
 * Job handlers receive only their jobs (src/jobs/queue.ts), so the webhooks module keeps the
 * process's services here. They are bound when the routes are mounted; a worker-only process
 * must call bindWebhookServices itself until job handlers get the services from the runtime.
 */
let bound: Services | null = null;

export function bindWebhookServices(services: Services): void {
  bound = services;
}

export function boundWebhookServices(): Services {
  if (!bound) throw new Error("webhooks: services are not bound yet (bindWebhookServices)");
  return bound;
}
