/**
 * Cloud API client over undici (one keep-alive pool per origin through an Agent).
 * Retries with exponential backoff and full jitter only on transient failures
 * (see errors.ts: policy "now"), never on permanent ones.
 */
import { Agent, type Dispatcher, FormData, request } from "undici";
import { WhatsAppApiError } from "./errors.ts";
import {
  type BusinessProfile,
  type BusinessProfileUpdate,
  type CreateTemplateResponse,
  DEFAULT_GRAPH_VERSION,
  type ListResponse,
  type MediaUrlResponse,
  type MessageTemplate,
  type OutboundMessage,
  type PhoneNumber,
  type RegisterPhoneNumberRequest,
  type RequestCodeRequest,
  type SendMessageResponse,
  type SuccessResponse,
  type TemplateDefinition,
  type TemplateListFilters,
  type UploadMediaResponse,
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
  /** Graph version, default "v23.0" */
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
  /** Marks an inbound message as read (POST /messages with status "read"). */
  markAsRead(phoneNumberId: string, messageId: string): Promise<SuccessResponse>;
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

const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 3, baseDelayMs: 200, maxDelayMs: 10_000 };
const PROFILE_FIELDS = [
  "about",
  "address",
  "description",
  "email",
  "profile_picture_url",
  "websites",
  "vertical",
];

interface CallOptions {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: () => FormData;
  /** Absolute URL instead of baseUrl/version/path (media download). */
  url?: string;
  raw?: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createWhatsAppClient(options: WhatsAppClientOptions): WhatsAppClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const version = options.version ?? DEFAULT_GRAPH_VERSION;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ownAgent = options.dispatcher
    ? undefined
    : new Agent({
        connections: options.connections ?? 64,
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);
  const auth = `Bearer ${options.accessToken}`;

  async function once(
    opts: CallOptions,
  ): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
    let url = opts.url ?? `${baseUrl}/${version}/${opts.path.replace(/^\/+/, "")}`;
    if (opts.query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.query)) if (v !== undefined) qs.set(k, String(v));
      const s = qs.toString();
      if (s) url += (url.includes("?") ? "&" : "?") + s;
    }
    const headers: Record<string, string> = { authorization: auth };
    let body: string | FormData | undefined;
    if (opts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      body = opts.form();
    }
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: opts.method,
        headers,
        body,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (cause) {
      throw new WhatsAppApiError({
        httpStatus: 0,
        code: null,
        message: `Network error calling ${opts.method} ${url}: ${(cause as Error).message}`,
        cause,
      });
    }
    let parsed: unknown;
    try {
      if (opts.raw && res.statusCode < 400) {
        parsed = Buffer.from(await res.body.arrayBuffer());
      } else {
        const text = await res.body.text();
        parsed = text.length === 0 ? undefined : safeJson(text);
      }
    } catch (cause) {
      throw new WhatsAppApiError({
        httpStatus: 0,
        code: null,
        message: `Network error reading response of ${opts.method} ${url}: ${(cause as Error).message}`,
        cause,
      });
    }
    if (res.statusCode >= 400) throw WhatsAppApiError.fromResponse(res.statusCode, parsed);
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }

  async function call<T>(opts: CallOptions): Promise<T> {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const r = await once(opts);
        return r.body as T;
      } catch (err) {
        if (!(err instanceof WhatsAppApiError)) throw err;
        err.attempts = attempt;
        if (err.retryPolicy !== "now" || attempt >= retry.attempts) throw err;
        // A POST that got no answer may have been applied (Meta has no idempotency keys):
        // resending could send a message twice, so the caller decides (the dispatcher reconciles).
        if (err.httpStatus === 0 && opts.method === "POST") throw err;
        const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        // "equal jitter": half fixed, half random, so retries never fire immediately
        await sleep(cap / 2 + Math.random() * (cap / 2));
      }
    }
  }

  const profileFields = (fields?: string[]) => (fields ?? PROFILE_FIELDS).join(",");

  const client: WhatsAppClient = {
    baseUrl,
    version,
    sendMessage(phoneNumberId, message) {
      return call<SendMessageResponse>({
        method: "POST",
        path: `${phoneNumberId}/messages`,
        json: { messaging_product: "whatsapp", recipient_type: "individual", ...message },
      });
    },
    markAsRead(phoneNumberId, messageId) {
      return call<SuccessResponse>({
        method: "POST",
        path: `${phoneNumberId}/messages`,
        json: { messaging_product: "whatsapp", status: "read", message_id: messageId },
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
        meta = await client.getMediaUrl(mediaIdOrUrl);
        url = meta.url;
      }
      const r = await retryingRaw(url);
      const data = r.body as Buffer;
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
        query: { fields: profileFields(fields) },
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
    async close() {
      await ownAgent?.close();
    },
  };

  async function retryingRaw(url: string) {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        return await once({ method: "GET", path: "", url, raw: true });
      } catch (err) {
        if (!(err instanceof WhatsAppApiError) || err.retryPolicy !== "now" || attempt >= retry.attempts)
          throw err;
        await sleep(retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      }
    }
  }

  return client;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}
