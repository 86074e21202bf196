import { type EventSubscriber, isCustomerEvent } from "../../events/index.ts";
import { publishEvents } from "./publish.ts";

/**
 * Customer webhooks, the first subscriber to domain events: every customer-visible event becomes
 * one signed delivery per matching subscription, stored in the emitting transaction.
 */
export const customerWebhooks: EventSubscriber = {
  name: "webhooks.customer-deliveries",
  async handle({ tx, boss }, events) {
    const visible = events.filter(isCustomerEvent);
    if (visible.length === 0) return;
    await publishEvents(
      tx,
      boss,
      visible.map((event) => ({ tenantId: event.tenantId, type: event.type, data: event.data })),
    );
  },
};
