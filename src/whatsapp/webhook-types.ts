/** What Meta's webhooks carry, as the parsed events Charla works with (see webhook.ts). */
import type { MediaType } from "./types.ts";

// ---------------------------------------------------------------------------
// Webhooks (normalized events returned by parseWebhook)

export interface WebhookMetadata {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export type InboundMessageType =
  | "text"
  | "image"
  | "audio"
  | "video"
  | "document"
  | "sticker"
  | "location"
  | "contacts"
  | "interactive"
  | "button"
  | "reaction"
  | "order"
  | "system"
  | "unsupported"
  | "unknown";

export interface InboundMedia {
  id: string;
  mime_type?: string | undefined;
  sha256?: string | undefined;
  caption?: string | undefined;
  filename?: string | undefined;
  voice?: boolean | undefined;
  animated?: boolean | undefined;
}

/** Normalized content of an inbound message: a discriminated union on `kind`. */
export type InboundContent =
  | { kind: "text"; body: string }
  | { kind: "media"; mediaType: MediaType; media: InboundMedia }
  | {
      kind: "location";
      latitude: number;
      longitude: number;
      name?: string | undefined;
      address?: string | undefined;
    }
  | { kind: "contacts"; contacts: unknown[] }
  | { kind: "button_reply"; id: string; title: string }
  | { kind: "list_reply"; id: string; title: string; description?: string | undefined }
  | { kind: "nfm_reply"; responseJson: string; name?: string | undefined; body?: string | undefined }
  | { kind: "button"; payload: string; text: string }
  | { kind: "reaction"; messageId: string; emoji: string }
  | { kind: "order"; order: unknown }
  | { kind: "unsupported"; errors: WebhookError[] }
  | { kind: "other"; raw: unknown };

export interface InboundMessageEvent {
  kind: "message";
  metadata: WebhookMetadata;
  id: string;
  /** The sender's phone (digits); absent for a user who adopted a username: then only `fromUserId`. */
  from?: string | undefined;
  /** The sender's business-scoped user id (BSUID, since 2026); one of `from` and this is always set. */
  fromUserId?: string | undefined;
  profileName?: string | undefined;
  /** unix seconds, as a number */
  timestamp: number;
  type: string;
  content: InboundContent;
  context?:
    | { from?: string | undefined; id?: string | undefined; forwarded?: boolean | undefined }
    | undefined;
  /** The raw message object as Meta sent it. */
  raw: Record<string, unknown>;
}

export interface WebhookError {
  code: number;
  title?: string | undefined;
  message?: string | undefined;
  details?: string | undefined;
  href?: string | undefined;
}

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed" | "deleted" | "played";

export interface Pricing {
  billable: boolean;
  pricing_model: string;
  category: string;
  type?: string | undefined;
}

export interface StatusEvent {
  kind: "status";
  metadata: WebhookMetadata;
  /** wamid of our outbound message */
  messageId: string;
  status: DeliveryStatus;
  timestamp: number;
  /** Absent when the message went to a business-scoped user id. */
  recipientId?: string | undefined;
  recipientUserId?: string | undefined;
  conversation?:
    | { id: string; expirationTimestamp?: number | undefined; originType?: string | undefined }
    | undefined;
  pricing?: Pricing | undefined;
  errors: WebhookError[];
  bizOpaqueCallbackData?: string | undefined;
}

export interface TemplateStatusEvent {
  kind: "template_status";
  wabaId: string;
  event: string;
  templateId: string;
  templateName: string;
  language: string;
  reason?: string | undefined;
  /** `other_info.title` / `.description`: FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE, UNPAUSE, DISABLED. */
  title?: string | undefined;
  description?: string | undefined;
  time?: number | undefined;
}

/** `message_template_quality_update`: Meta's quality score of a template moved (GREEN, YELLOW, RED, UNKNOWN). */
export interface TemplateQualityEvent {
  kind: "template_quality";
  wabaId: string;
  templateId: string;
  templateName: string;
  language: string;
  previousScore?: string | undefined;
  newScore: string;
  time?: number | undefined;
}

export interface PhoneNumberQualityEvent {
  kind: "phone_number_quality";
  wabaId: string;
  displayPhoneNumber: string;
  event: string;
  currentLimit?: string | undefined;
  oldLimit?: string | undefined;
  time?: number | undefined;
}

/** Errors at the value level (entry.changes.value.errors), not tied to a message. */
export interface WebhookErrorsEvent {
  kind: "errors";
  metadata: WebhookMetadata;
  errors: WebhookError[];
}

/** Any change whose field this parser does not normalize (account_update, ...). */
export interface OtherChangeEvent {
  kind: "other";
  wabaId: string;
  field: string;
  value: unknown;
}

export type WebhookEvent =
  | InboundMessageEvent
  | StatusEvent
  | TemplateStatusEvent
  | TemplateQualityEvent
  | PhoneNumberQualityEvent
  | WebhookErrorsEvent
  | OtherChangeEvent;
