import type { ActivationCompletedData, ActivationStageEventData } from "../modules/activation/index.ts";
import type { BillingChargedData, LowBalanceData } from "../modules/billing/index.ts";
import type { BotSessionChangedData } from "../modules/bots/index.ts";
import type { CampaignView } from "../modules/campaigns/index.ts";
import type { ContactOptedOutData } from "../modules/contacts/index.ts";
import type {
  AgentMentionedData,
  AgentPresenceData,
  ConversationAssignedData,
  ConversationEscalatedData,
  ConversationNoteData,
  ConversationSlaData,
  ConversationStatusData,
} from "../modules/conversations/index.ts";
import type { MessageView } from "../modules/messages/index.ts";
import type { NotificationsEventData, PhoneNumberHealthEventData } from "../modules/numbers/index.ts";
import type { TemplateEventData } from "../modules/templates/index.ts";

/** One domain event: what happened (`type`), to which tenant, and its data. */
interface Event<Type extends string, Data> {
  type: Type;
  tenantId: string;
  data: Data;
}

/**
 * Every domain event Charla emits, as one union. Modules emit them with `emit(tx, event)` inside
 * the transaction that made the change, and react to them through subscribers in their module
 * record. A new event is added here first; the compiler then asks for its catalogue entry.
 */
export type DomainEvent =
  | Event<"message.accepted", MessageView>
  | Event<"message.sent", MessageView>
  | Event<"message.delivered", MessageView>
  | Event<"message.read", MessageView>
  | Event<"message.failed", MessageView>
  | Event<"message.received", MessageView>
  | Event<"contact.opted_in", Record<string, unknown>>
  | Event<"contact.opted_out", ContactOptedOutData>
  | Event<"template.status_updated", TemplateEventData>
  | Event<"webhook.test", Record<string, unknown>>
  | Event<"activation.stage_updated", ActivationStageEventData>
  | Event<"activation.completed", ActivationCompletedData>
  | Event<"whatsapp_account.notifications_updated", NotificationsEventData>
  | Event<"phone_number.quality_changed", PhoneNumberHealthEventData>
  | Event<"phone_number.tier_changed", PhoneNumberHealthEventData>
  | Event<"phone_number.updated", Record<string, unknown>>
  | Event<"billing.low_balance", LowBalanceData>
  | Event<"conversation.status_changed", ConversationStatusData>
  | Event<"conversation.assigned", ConversationAssignedData>
  | Event<"conversation.escalated", ConversationEscalatedData>
  | Event<"conversation.sla_warning", ConversationSlaData>
  | Event<"campaign.status_changed", CampaignView>
  | Event<"campaign.progress", CampaignView>
  // Internal: no customer sees it (not in the catalogue below).
  | Event<"whatsapp_account.connected", { accountId: string }>
  | Event<"whatsapp_account.meta_update", MetaAccountUpdate>
  | Event<"conversation.note_added", ConversationNoteData>
  | Event<"agent.presence_changed", AgentPresenceData>
  | Event<"agent.mentioned", AgentMentionedData>
  | Event<"dispatch.retried", SendRetriedData>
  | Event<"billing.charged", BillingChargedData>
  | Event<"bot.session_changed", BotSessionChangedData>;

/**
 * Meta answered a send with a retryable error (130429 throughput, 131056 pair rate, 131057
 * maintenance...) after the client's own retries: the messages went back to the queue for a later
 * dispatch attempt. One event per number, code and dispatch chunk.
 */
export interface SendRetriedData {
  code: number;
  messageIds: string[];
}

/** One of Meta's onboarding webhooks about a connected account (account_update, account_review_update...). */
export interface MetaAccountUpdate {
  accountId: string;
  wabaId: string;
  field: string;
  value: Record<string, unknown>;
}

export type DomainEventType = DomainEvent["type"];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Events only modules see; every other event type is offered to customer webhooks. */
export type InternalEventType =
  | "whatsapp_account.connected"
  | "whatsapp_account.meta_update"
  | "conversation.note_added"
  | "agent.presence_changed"
  | "agent.mentioned"
  | "dispatch.retried"
  | "billing.charged"
  | "bot.session_changed";
export type CustomerEventType = Exclude<DomainEventType, InternalEventType>;

/**
 * The customer webhook event catalogue (GET /v1/webhook-event-types): one description per
 * customer-visible member of the union, checked by the compiler both ways. Each is sent inside an
 * envelope { id, type, tenantId, createdAt, data }; many envelopes are POSTed together as { "events": [...] }.
 */
export const customerEventCatalogue = {
  "message.accepted": "A message was accepted by the API and stored for sending",
  "message.sent": "WhatsApp reported the message sent",
  "message.delivered": "WhatsApp reported the message delivered to the recipient's device",
  "message.read": "The recipient read the message",
  "message.failed": "The message could not be sent or delivered",
  "message.received": "A contact sent a message to one of the tenant's numbers",
  "contact.opted_in": "A contact gave consent to receive messages",
  "contact.opted_out": "A contact withdrew consent",
  "template.status_updated": "Meta approved, rejected, paused or disabled a template",
  "webhook.test": "Sent on demand by POST /v1/webhooks/{id}/test",
  "activation.stage_updated":
    "A stage of the tenant's account activation moved (owner, status, reasons, SLA due date, next action)",
  "activation.completed": "The tenant's WhatsApp Business account is activated",
  "whatsapp_account.notifications_updated":
    "A platform admin enabled or refused template (notification) sends for an account",
  "phone_number.quality_changed": "Meta changed a number's quality rating (dropped or recovered)",
  "phone_number.tier_changed": "Meta changed a number's messaging limit",
  "phone_number.updated":
    "A number's life cycle moved: verified, registered, deregistered, PIN changed, display name or profile",
  "billing.low_balance": "The prepaid balance fell below the tenant's low-balance threshold",
  "conversation.status_changed":
    "A conversation moved between open, pending, snoozed and resolved (by an agent, a new inbound message or a snooze ending)",
  "conversation.assigned": "A conversation was assigned, transferred or unassigned (manually or by a rule)",
  "conversation.escalated": "A conversation stayed unassigned longer than its team allows",
  "conversation.sla_warning":
    "A conversation is about to breach, or breached, its team's first-response or resolution SLA",
  "campaign.status_changed":
    "A campaign was launched, started a run, paused (by a user or held: balance, template, number), resumed, cancelled or completed",
  "campaign.progress":
    "A campaign's counters moved: queued, sent, delivered, read, replied, failed, skipped, clicked, cost, and Meta's retried refusals by code (metaRetries: 130429, 131056, 131057)",
} as const satisfies Record<CustomerEventType, string>;

export function isCustomerEvent(
  event: DomainEvent,
): event is Extract<DomainEvent, { type: CustomerEventType }> {
  return Object.hasOwn(customerEventCatalogue, event.type);
}
