/**
 * Cloud API client over undici (one keep-alive pool per origin through an Agent).
 * Retries with exponential backoff and full jitter only on transient failures
 * (see errors.ts: policy "now"), never on permanent ones.
 */
import { type Dispatcher, FormData } from "undici";
import { createTransport, type Transport } from "./transport.ts";
import type {
  BusinessProfile,
  BusinessProfileUpdate,
  CreateTemplateResponse,
  ListResponse,
  MediaUrlResponse,
  MessageTemplate,
  OutboundMessage,
  PhoneNumber,
  RegisterPhoneNumberRequest,
  RequestCodeRequest,
  SendMessageResponse,
  SuccessResponse,
  TemplateDefinition,
  TemplateListFilters,
  UploadMediaResponse,
} from "./types.ts";

export interface RetryOptions {
  /** Total attempts including the first (1 = no retry). Default 3. */
  attempts: number;
  /** First backoff delay; doubles each attempt, with full jitter. Default 200 ms. */
  baseDelayMs: number;
  /** Cap of one backoff delay. Default 10 s. */
  maxDelayMs?: number;
}

export interface WhatsAppClientOptions {
  /** e.g. https://graph.facebook.com or the emulator URL */
  baseUrl: string;
  /** Graph version, default "v25.0" */
  version?: string;
  accessToken: string;
  retry?: RetryOptions;
  /** Per-request timeout for headers and body. Default 30 s. */
  timeoutMs?: number;
  /** Max keep-alive connections per origin. Default 64. */
  connections?: number;
  /** Use an existing undici dispatcher instead of creating an Agent (not closed by close()). */
  dispatcher?: Dispatcher;
}

export interface UploadMediaInput {
  file: Blob | Uint8Array | Buffer;
  mimeType: string;
  filename?: string;
}

export interface DownloadedMedia {
  data: Buffer;
  mimeType: string;
  sha256: string;
  fileSize: number;
}

export interface WhatsAppClient {
  readonly baseUrl: string;
  readonly version: string;
  sendMessage(phoneNumberId: string, message: OutboundMessage): Promise<SendMessageResponse>;
  /**
   * Marks an inbound message as read (POST /messages with status "read"); with `typing`, also shows
   * the user Meta's typing indicator (until the business replies, or 25 seconds).
   */
  markAsRead(
    phoneNumberId: string,
    messageId: string,
    options?: { typing?: boolean },
  ): Promise<SuccessResponse>;
  uploadMedia(phoneNumberId: string, input: UploadMediaInput): Promise<UploadMediaResponse>;
  getMediaUrl(mediaId: string, opts?: { phoneNumberId?: string }): Promise<MediaUrlResponse>;
  downloadMedia(mediaIdOrUrl: string): Promise<DownloadedMedia>;
  deleteMedia(mediaId: string, opts?: { phoneNumberId?: string }): Promise<SuccessResponse>;
  createTemplate(wabaId: string, def: TemplateDefinition): Promise<CreateTemplateResponse>;
  listTemplates(wabaId: string, filters?: TemplateListFilters): Promise<ListResponse<MessageTemplate>>;
  deleteTemplate(wabaId: string, name: string, opts?: { hsmId?: string }): Promise<SuccessResponse>;
  /** Replaces a template's content at Meta (name and language stay); it goes back to review. */
  editTemplate(
    templateId: string,
    edit: Partial<Pick<TemplateDefinition, "category" | "components" | "parameter_format">>,
  ): Promise<SuccessResponse>;
  registerPhoneNumber(phoneNumberId: string, req: RegisterPhoneNumberRequest): Promise<SuccessResponse>;
  deregisterPhoneNumber(phoneNumberId: string): Promise<SuccessResponse>;
  requestCode(phoneNumberId: string, req: RequestCodeRequest): Promise<SuccessResponse>;
  verifyCode(phoneNumberId: string, code: string): Promise<SuccessResponse>;
  getPhoneNumber(phoneNumberId: string, fields?: string[]): Promise<PhoneNumber>;
  getPhoneNumbers(wabaId: string, fields?: string[]): Promise<ListResponse<PhoneNumber>>;
  getBusinessProfile(phoneNumberId: string, fields?: string[]): Promise<BusinessProfile>;
  updateBusinessProfile(phoneNumberId: string, profile: BusinessProfileUpdate): Promise<SuccessResponse>;
  close(): Promise<void>;
}

const PROFILE_FIELDS = [
  "about",
  "address",
  "description",
  "email",
  "profile_picture_url",
  "websites",
  "vertical",
];

type Endpoints<K extends keyof WhatsAppClient> = Pick<WhatsAppClient, K>;

/** Messages and media. */
function messageEndpoints({ call, download }: Transport) {
  const endpoints: Endpoints<
    "sendMessage" | "markAsRead" | "uploadMedia" | "getMediaUrl" | "downloadMedia" | "deleteMedia"
  > = {
    sendMessage(phoneNumberId, message) {
      return call<SendMessageResponse>({
        method: "POST",
        path: `${phoneNumberId}/messages`,
        json: { messaging_product: "whatsapp", recipient_type: "individual", ...message },
      });
    },
    markAsRead(phoneNumberId, messageId, options = {}) {
      return call<SuccessResponse>({
        method: "POST",
        path: `${phoneNumberId}/messages`,
        json: {
          messaging_product: "whatsapp",
          status: "read",
          message_id: messageId,
          ...(options.typing ? { typing_indicator: { type: "text" } } : {}),
        },
      });
    },
    uploadMedia(phoneNumberId, input) {
      return call<UploadMediaResponse>({
        method: "POST",
        path: `${phoneNumberId}/media`,
        form: () => {
          const fd = new FormData();
          fd.set("messaging_product", "whatsapp");
          fd.set("type", input.mimeType);
          const blob =
            input.file instanceof Blob
              ? input.file
              : new Blob([new Uint8Array(input.file)], { type: input.mimeType });
          fd.set("file", blob, input.filename ?? "file");
          return fd;
        },
      });
    },
    getMediaUrl(mediaId, opts) {
      return call<MediaUrlResponse>({
        method: "GET",
        path: mediaId,
        query: { phone_number_id: opts?.phoneNumberId },
      });
    },
    async downloadMedia(mediaIdOrUrl) {
      let url = mediaIdOrUrl;
      let meta: MediaUrlResponse | undefined;
      if (!/^https?:\/\//.test(mediaIdOrUrl)) {
        meta = await endpoints.getMediaUrl(mediaIdOrUrl);
        url = meta.url;
      }
      const r = await download(url);
      const data = r.body;
      return {
        data,
        mimeType: meta?.mime_type ?? String(r.headers["content-type"] ?? "application/octet-stream"),
        sha256: meta?.sha256 ?? "",
        fileSize: data.length,
      };
    },
    deleteMedia(mediaId, opts) {
      return call<SuccessResponse>({
        method: "DELETE",
        path: mediaId,
        query: { phone_number_id: opts?.phoneNumberId },
      });
    },
  };
  return endpoints;
}

/** Message templates of a WABA. */
function templateEndpoints({
  call,
}: Transport): Endpoints<"createTemplate" | "listTemplates" | "editTemplate" | "deleteTemplate"> {
  return {
    createTemplate(wabaId, def) {
      return call<CreateTemplateResponse>({ method: "POST", path: `${wabaId}/message_templates`, json: def });
    },
    listTemplates(wabaId, filters = {}) {
      return call<ListResponse<MessageTemplate>>({
        method: "GET",
        path: `${wabaId}/message_templates`,
        query: {
          name: filters.name,
          status: filters.status,
          category: filters.category,
          language: filters.language,
          limit: filters.limit,
          after: filters.after,
          before: filters.before,
          fields: filters.fields?.join(","),
        },
      });
    },
    editTemplate(templateId, edit) {
      return call<SuccessResponse>({ method: "POST", path: templateId, json: edit });
    },
    deleteTemplate(wabaId, name, opts) {
      return call<SuccessResponse>({
        method: "DELETE",
        path: `${wabaId}/message_templates`,
        query: { name, hsm_id: opts?.hsmId },
      });
    },
  };
}

/** Phone numbers: registration, verification, details and business profile. */
function numberEndpoints({
  call,
}: Transport): Endpoints<
  | "registerPhoneNumber"
  | "deregisterPhoneNumber"
  | "requestCode"
  | "verifyCode"
  | "getPhoneNumber"
  | "getPhoneNumbers"
  | "getBusinessProfile"
  | "updateBusinessProfile"
> {
  return {
    registerPhoneNumber(phoneNumberId, req) {
      return call<SuccessResponse>({
        method: "POST",
        path: `${phoneNumberId}/register`,
        json: { messaging_product: "whatsapp", ...req },
      });
    },
    deregisterPhoneNumber(phoneNumberId) {
      return call<SuccessResponse>({ method: "POST", path: `${phoneNumberId}/deregister`, json: {} });
    },
    requestCode(phoneNumberId, req) {
      return call<SuccessResponse>({ method: "POST", path: `${phoneNumberId}/request_code`, json: req });
    },
    verifyCode(phoneNumberId, code) {
      return call<SuccessResponse>({ method: "POST", path: `${phoneNumberId}/verify_code`, json: { code } });
    },
    getPhoneNumber(phoneNumberId, fields) {
      return call<PhoneNumber>({ method: "GET", path: phoneNumberId, query: { fields: fields?.join(",") } });
    },
    getPhoneNumbers(wabaId, fields) {
      return call<ListResponse<PhoneNumber>>({
        method: "GET",
        path: `${wabaId}/phone_numbers`,
        query: { fields: fields?.join(",") },
      });
    },
    async getBusinessProfile(phoneNumberId, fields) {
      const r = await call<ListResponse<BusinessProfile>>({
        method: "GET",
        path: `${phoneNumberId}/whatsapp_business_profile`,
        query: { fields: (fields ?? PROFILE_FIELDS).join(",") },
      });
      return r.data[0] ?? {};
    },
    updateBusinessProfile(phoneNumberId, profile) {
      return call<SuccessResponse>({
        method: "POST",
        path: `${phoneNumberId}/whatsapp_business_profile`,
        json: { messaging_product: "whatsapp", ...profile },
      });
    },
  };
}

export function createWhatsAppClient(options: WhatsAppClientOptions): WhatsAppClient {
  const transport = createTransport(options);
  return {
    baseUrl: transport.baseUrl,
    version: transport.version,
    ...messageEndpoints(transport),
    ...templateEndpoints(transport),
    ...numberEndpoints(transport),
    close: () => transport.close(),
  };
}
