/**
 * WhatsApp Cloud API wire protocol (Graph API), as sent and received over HTTP.
 * Field names follow Meta's JSON (snake_case) on purpose.
 */

export const DEFAULT_GRAPH_VERSION = "v25.0";
export const DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com";

// ---------------------------------------------------------------------------
// Errors

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    is_transient?: boolean;
    error_data?: { messaging_product: "whatsapp"; details: string };
    fbtrace_id: string;
  };
}

// ---------------------------------------------------------------------------
// Outbound messages (POST /{phone-number-id}/messages)

export type MediaType = "image" | "document" | "audio" | "video" | "sticker";

/** Media by uploaded id or by public link. */
export type MediaObject = ({ id: string; link?: never } | { link: string; id?: never }) & {
  caption?: string;
  /** documents only */
  filename?: string;
};

export interface TextBody {
  body: string;
  preview_url?: boolean;
}

export interface LocationBody {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface ContactCard {
  name: { formatted_name: string; first_name?: string; last_name?: string; middle_name?: string };
  phones?: { phone?: string; type?: string; wa_id?: string }[];
  emails?: { email?: string; type?: string }[];
  addresses?: {
    street?: string;
    city?: string;
    state?: string;
    zip?: string;
    country?: string;
    country_code?: string;
    type?: string;
  }[];
  org?: { company?: string; department?: string; title?: string };
  urls?: { url?: string; type?: string }[];
  birthday?: string;
}

export interface ReactionBody {
  message_id: string;
  /** empty string removes the reaction */
  emoji: string;
}

export type InteractiveHeader =
  | { type: "text"; text: string }
  | { type: "image"; image: MediaObject }
  | { type: "video"; video: MediaObject }
  | { type: "document"; document: MediaObject };

export interface InteractiveButton {
  type: "button";
  header?: InteractiveHeader;
  body: { text: string };
  footer?: { text: string };
  action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
}

export interface InteractiveList {
  type: "list";
  header?: { type: "text"; text: string };
  body: { text: string };
  footer?: { text: string };
  action: {
    button: string;
    sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
  };
}

export interface InteractiveCtaUrl {
  type: "cta_url";
  header?: InteractiveHeader;
  body: { text: string };
  footer?: { text: string };
  action: { name: "cta_url"; parameters: { display_text: string; url: string } };
}

export type InteractiveBody = InteractiveButton | InteractiveList | InteractiveCtaUrl;

export type TemplateParameter =
  | { type: "text"; text: string; parameter_name?: string }
  | { type: "currency"; currency: { fallback_value: string; code: string; amount_1000: number } }
  | { type: "date_time"; date_time: { fallback_value: string } }
  | { type: "image"; image: MediaObject }
  | { type: "video"; video: MediaObject }
  | { type: "document"; document: MediaObject }
  | { type: "location"; location: LocationBody }
  | { type: "payload"; payload: string };

export type TemplateComponentParam =
  | { type: "header"; parameters: TemplateParameter[] }
  | { type: "body"; parameters: TemplateParameter[] }
  | {
      type: "button";
      sub_type: "quick_reply" | "url" | "copy_code" | "flow";
      index: string | number;
      parameters: TemplateParameter[] | { type: "payload" | "text" | "coupon_code"; [k: string]: unknown }[];
    };

export interface TemplateBody {
  name: string;
  language: { code: string; policy?: "deterministic" };
  components?: TemplateComponentParam[];
}

interface MessageBase {
  messaging_product?: "whatsapp";
  recipient_type?: "individual";
  /** Phone number (any format) or WhatsApp id of the recipient. */
  to: string;
  /** Since 2026: the recipient's business-scoped user id, in place of `to` (then `to` is absent). */
  recipient?: string;
  /** Reply to a previous message. */
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export type OutboundMessage = MessageBase &
  (
    | { type: "text"; text: TextBody }
    | { type: "image"; image: MediaObject }
    | { type: "document"; document: MediaObject }
    | { type: "audio"; audio: MediaObject }
    | { type: "video"; video: MediaObject }
    | { type: "sticker"; sticker: MediaObject }
    | { type: "location"; location: LocationBody }
    | { type: "contacts"; contacts: ContactCard[] }
    | { type: "reaction"; reaction: ReactionBody }
    | { type: "interactive"; interactive: InteractiveBody }
    | { type: "template"; template: TemplateBody }
  );

export type OutboundMessageType = OutboundMessage["type"];

export interface SendMessageResponse {
  messaging_product: "whatsapp";
  contacts: { input: string; wa_id: string }[];
  messages: { id: string; message_status?: "accepted" | "held_for_quality_assessment" | "paused" }[];
}

export interface SuccessResponse {
  success: boolean;
}

// ---------------------------------------------------------------------------
// Media

export interface UploadMediaResponse {
  id: string;
}

export interface MediaUrlResponse {
  messaging_product: "whatsapp";
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  id: string;
}

// ---------------------------------------------------------------------------
// Templates (WABA /message_templates)

export type TemplateCategory = "MARKETING" | "UTILITY" | "AUTHENTICATION";
export type TemplateStatus =
  | "APPROVED"
  | "PENDING"
  | "REJECTED"
  | "PAUSED"
  | "DISABLED"
  | "IN_APPEAL"
  | "PENDING_DELETION"
  | "DELETED"
  | "LIMIT_EXCEEDED";

export type TemplateButtonDef =
  | { type: "QUICK_REPLY"; text: string }
  | { type: "URL"; text: string; url: string; example?: string[] }
  | { type: "PHONE_NUMBER"; text: string; phone_number: string }
  | { type: "COPY_CODE"; example: string }
  | { type: "OTP"; otp_type: string; text?: string };

export type TemplateComponentDef =
  | {
      type: "HEADER";
      format: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION";
      text?: string;
      example?: { header_text?: string[]; header_handle?: string[] };
    }
  | { type: "BODY"; text: string; example?: { body_text?: string[][]; body_text_named_params?: unknown[] } }
  | { type: "FOOTER"; text: string }
  | { type: "BUTTONS"; buttons: TemplateButtonDef[] };

export interface TemplateDefinition {
  name: string;
  language: string;
  category: TemplateCategory;
  components: TemplateComponentDef[];
  allow_category_change?: boolean;
  parameter_format?: "POSITIONAL" | "NAMED";
}

export interface CreateTemplateResponse {
  id: string;
  status: TemplateStatus;
  category: TemplateCategory;
}

export interface MessageTemplate extends TemplateDefinition {
  id: string;
  status: TemplateStatus;
  rejected_reason?: string;
  quality_score?: { score: "GREEN" | "YELLOW" | "RED" | "UNKNOWN" };
}

export interface TemplateListFilters {
  name?: string;
  status?: TemplateStatus;
  category?: TemplateCategory;
  language?: string;
  limit?: number;
  after?: string;
  before?: string;
  fields?: string[];
}

export interface Paging {
  cursors?: { before?: string; after?: string };
  next?: string;
  previous?: string;
}

export interface ListResponse<T> {
  data: T[];
  paging?: Paging;
}

// ---------------------------------------------------------------------------
// Phone numbers

export type QualityRating = "GREEN" | "YELLOW" | "RED" | "UNKNOWN" | "NA";
export type MessagingLimitTier =
  | "TIER_50"
  | "TIER_250"
  | "TIER_1K"
  | "TIER_2K"
  | "TIER_10K"
  | "TIER_100K"
  | "TIER_UNLIMITED";

export interface PhoneNumber {
  id: string;
  display_phone_number: string;
  verified_name: string;
  quality_rating: QualityRating;
  code_verification_status?: "VERIFIED" | "NOT_VERIFIED" | "EXPIRED";
  platform_type?: "CLOUD_API" | "ON_PREMISE" | "NOT_APPLICABLE";
  throughput?: { level: "STANDARD" | "HIGH" | "NOT_APPLICABLE" };
  messaging_limit_tier?: MessagingLimitTier;
  status?: "CONNECTED" | "PENDING" | "DISCONNECTED" | "FLAGGED" | "RESTRICTED" | "BANNED";
  name_status?: string;
}

export interface RegisterPhoneNumberRequest {
  pin: string;
  data_localization_region?: string;
}

export interface RequestCodeRequest {
  code_method: "SMS" | "VOICE";
  language: string;
}

// ---------------------------------------------------------------------------
// Business profile

export interface BusinessProfile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  profile_picture_url?: string;
  websites?: string[];
  vertical?: string;
  messaging_product?: "whatsapp";
}

export interface BusinessProfileUpdate extends Omit<BusinessProfile, "profile_picture_url"> {
  profile_picture_handle?: string;
}

export * from "./webhook-types.ts";
