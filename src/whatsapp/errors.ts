/**
 * Cloud API (Graph API) error codes: the table shared by the client (classification,
 * retry policy) and the emulator (faithful error bodies).
 *
 * retry:
 *  - "now":   transient; the client retries it with exponential backoff and jitter.
 *  - "later": retryable, but not within one request (e.g. pair rate limit: the caller
 *             should reschedule the message seconds later). The client does not retry it.
 *  - "never": permanent; do not resend the same request.
 */
import type { GraphErrorBody } from "./types.ts";

export type RetryPolicy = "now" | "later" | "never";

export interface ErrorCodeInfo {
  code: number;
  title: string;
  httpStatus: number;
  retry: RetryPolicy;
  details: string;
}

function e(
  code: number,
  title: string,
  httpStatus: number,
  retry: RetryPolicy,
  details: string,
): ErrorCodeInfo {
  return { code, title, httpStatus, retry, details };
}

/** Known Cloud API error codes (titles and HTTP statuses as in Meta's error code reference). */
export const ERROR_CODES: ReadonlyMap<number, ErrorCodeInfo> = new Map(
  [
    e(0, "AuthException", 401, "never", "We were unable to authenticate the app user."),
    e(1, "API Unknown", 400, "now", "Invalid request or possible server error."),
    e(2, "API Service", 503, "now", "Temporary due to downtime or due to being overloaded."),
    e(3, "API Method", 500, "never", "Capability or permissions issue."),
    e(4, "API Too Many Calls", 400, "now", "The app has reached its API call rate limit."),
    e(10, "Permission Denied", 403, "never", "Permission is either not granted or has been removed."),
    e(33, "Parameter value is not valid", 400, "never", "The business phone number has been deleted."),
    e(
      100,
      "Invalid parameter",
      400,
      "never",
      "The request included one or more unsupported or misspelled parameters.",
    ),
    e(190, "Access token has expired", 401, "never", "Your access token has expired or is invalid."),
    e(200, "API Permission", 403, "never", "Permission is either not granted or has been removed."),
    e(368, "Temporarily blocked for policies violations", 403, "never", "The account has been restricted."),
    e(80007, "Rate limit issues", 400, "now", "The WhatsApp Business Account has reached its rate limit."),
    e(130429, "Rate limit hit", 400, "now", "Cloud API message throughput has been reached."),
    e(
      130472,
      "User's number is part of an experiment",
      400,
      "never",
      "Message not sent as part of an experiment.",
    ),
    e(131000, "Something went wrong", 500, "now", "Message failed to send due to an unknown error."),
    e(131005, "Access denied", 403, "never", "Permission is either not granted or has been removed."),
    e(131008, "Required parameter is missing", 400, "never", "The request is missing a required parameter."),
    e(131009, "Parameter value is not valid", 400, "never", "One or more parameter values are invalid."),
    e(131016, "Service unavailable", 503, "now", "A service is temporarily unavailable."),
    e(131021, "Recipient cannot be sender", 400, "never", "Sender and recipient phone number is the same."),
    e(
      131026,
      "Message undeliverable",
      400,
      "never",
      "Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.",
    ),
    e(131031, "Account has been locked", 403, "never", "The business account was restricted or disabled."),
    e(
      131042,
      "Business eligibility payment issue",
      400,
      "never",
      "There was an error related to your payment method.",
    ),
    e(
      131047,
      "Re-engagement message",
      400,
      "never",
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    ),
    e(
      131048,
      "Spam rate limit hit",
      400,
      "later",
      "Message failed to send because there are restrictions on how many messages can be sent from this phone number.",
    ),
    e(
      131049,
      "This message was not delivered to maintain healthy ecosystem engagement.",
      400,
      "later",
      "Meta chose not to deliver.",
    ),
    e(
      131050,
      "User has stopped marketing messages",
      400,
      "never",
      "The recipient stopped receiving marketing messages.",
    ),
    e(131051, "Unsupported message type", 400, "never", "Unsupported message type."),
    e(131052, "Media download error", 400, "never", "Unable to download the media sent by the user."),
    e(131053, "Media upload error", 400, "never", "Unable to upload the media used in the message."),
    e(
      131056,
      "(Business Account, Consumer Account) pair rate limit hit",
      400,
      "later",
      "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
    ),
    e(131057, "Account in maintenance mode", 500, "now", "Business account is in maintenance mode."),
    e(
      132000,
      "Number of parameters does not match the expected number of params",
      400,
      "never",
      "The number of variable parameter values included in the request did not match the number of variable parameters defined in the template.",
    ),
    e(
      132001,
      "Template name does not exist in the translation",
      404,
      "never",
      "The template does not exist in the specified language or the template has not been approved.",
    ),
    e(132005, "Translated text too long", 400, "never", "Translated text is too long."),
    e(
      132007,
      "Template Format Character Policy Violated",
      400,
      "never",
      "Template content violates a WhatsApp policy.",
    ),
    e(
      132012,
      "Parameter format does not match format in the created template",
      400,
      "never",
      "Variable parameter values formatted incorrectly.",
    ),
    e(
      132015,
      "Template is Paused",
      400,
      "never",
      "Template is paused due to low quality so it cannot be sent in a template message.",
    ),
    e(
      132016,
      "Template is Disabled",
      400,
      "never",
      "Template has been paused too many times due to low quality and is now permanently disabled.",
    ),
    e(133000, "Incomplete Deregistration", 500, "never", "A previous deregistration attempt failed."),
    e(133004, "Server Temporarily Unavailable", 503, "now", "Server is temporarily unavailable."),
    e(133005, "Two step verification PIN Mismatch", 400, "never", "Two-step verification PIN incorrect."),
    e(
      133006,
      "Phone number re-verification needed",
      400,
      "never",
      "Phone number needs to be verified before registering.",
    ),
    e(
      133008,
      "Too Many two step verification PIN Guesses",
      400,
      "later",
      "Too many incorrect two-step verification PIN guesses.",
    ),
    e(
      133009,
      "Two step verification PIN Guessed Too Fast",
      400,
      "later",
      "Two-step verification PIN was entered too quickly.",
    ),
    e(
      133010,
      "Account not registered",
      400,
      "never",
      "Phone number not registered on the WhatsApp Business Platform.",
    ),
    e(
      133015,
      "Please wait a few minutes before attempting to register this phone number",
      400,
      "later",
      "The phone number you are attempting to register was recently deleted.",
    ),
    e(
      133016,
      "Account register deregister rate limit exceeded",
      400,
      "later",
      "Registration or deregistration failed because there were too many attempts.",
    ),
    e(136025, "Verify code error", 400, "never", "The verification code is incorrect."),
  ].map((i) => [i.code, i] as const),
);

/** Retry policy for a code (unknown codes: 5xx -> "now", otherwise "never"). */
export function retryPolicyFor(code: number | null, httpStatus: number): RetryPolicy {
  if (code !== null) {
    const info = ERROR_CODES.get(code);
    if (info) return info.retry;
    if (code >= 200 && code <= 299) return "never";
  }
  return httpStatus >= 500 || httpStatus === 0 ? "now" : "never";
}

export interface WhatsAppApiErrorInit {
  httpStatus: number;
  code: number | null;
  message: string;
  subcode?: number | undefined;
  type?: string | undefined;
  fbtraceId?: string | undefined;
  details?: string | undefined;
  isTransient?: boolean | undefined;
  cause?: unknown;
}

/**
 * A failed Cloud API call. `httpStatus` 0 means no HTTP response (network error or timeout).
 * `retryable` is true for "now" and "later" policies; `retryPolicy` tells which.
 */
export class WhatsAppApiError extends Error {
  override readonly name = "WhatsAppApiError";
  readonly httpStatus: number;
  readonly code: number | null;
  readonly subcode: number | undefined;
  readonly type: string | undefined;
  readonly fbtraceId: string | undefined;
  readonly details: string | undefined;
  readonly retryPolicy: RetryPolicy;
  readonly retryable: boolean;
  /** Number of attempts made by the client before giving up. */
  attempts = 1;

  constructor(init: WhatsAppApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.subcode = init.subcode;
    this.type = init.type;
    this.fbtraceId = init.fbtraceId;
    this.details = init.details;
    let policy = retryPolicyFor(init.code, init.httpStatus);
    if (policy === "never" && init.isTransient === true) policy = "now";
    this.retryPolicy = policy;
    this.retryable = policy !== "never";
  }

  get title(): string | undefined {
    return this.code === null ? undefined : ERROR_CODES.get(this.code)?.title;
  }

  /** Builds the typed error from a Graph API error response. */
  static fromResponse(httpStatus: number, body: unknown): WhatsAppApiError {
    const err =
      typeof body === "object" && body !== null && "error" in body
        ? (body as { error: unknown }).error
        : undefined;
    if (typeof err !== "object" || err === null) {
      return new WhatsAppApiError({
        httpStatus,
        code: null,
        message: `Graph API request failed with HTTP ${httpStatus}`,
      });
    }
    const g = err as Partial<GraphErrorBody["error"]> & { is_transient?: boolean };
    return new WhatsAppApiError({
      httpStatus,
      code: typeof g.code === "number" ? g.code : typeof g.code === "string" ? Number(g.code) : null,
      message: typeof g.message === "string" ? g.message : `Graph API error (HTTP ${httpStatus})`,
      subcode: typeof g.error_subcode === "number" ? g.error_subcode : undefined,
      type: typeof g.type === "string" ? g.type : undefined,
      fbtraceId: typeof g.fbtrace_id === "string" ? g.fbtrace_id : undefined,
      details: typeof g.error_data?.details === "string" ? g.error_data.details : undefined,
      isTransient: g.is_transient,
    });
  }
}

/** Builds a Graph API error body `{ error: {...} }` for a code (used by the emulator). */
export function graphErrorBody(
  code: number,
  opts: { details?: string; subcode?: number; message?: string; type?: string; fbtraceId?: string } = {},
): { status: number; body: GraphErrorBody } {
  const info = ERROR_CODES.get(code);
  const title = info?.title ?? "Unknown error";
  const error: GraphErrorBody["error"] = {
    message: opts.message ?? `(#${code}) ${title}`,
    type: opts.type ?? "OAuthException",
    code,
    fbtrace_id: opts.fbtraceId ?? randomTraceId(),
  };
  if (opts.subcode !== undefined) error.error_subcode = opts.subcode;
  const details = opts.details ?? info?.details;
  if (details !== undefined && code !== 190 && code !== 0) {
    error.error_data = { messaging_product: "whatsapp", details };
  }
  return { status: info?.httpStatus ?? 400, body: { error } };
}

/** Webhook `errors[]` item for an asynchronous failure (statuses[].errors). */
export function webhookErrorFor(code: number, details?: string) {
  const info = ERROR_CODES.get(code);
  const title = info?.title ?? "Unknown error";
  return {
    code,
    title,
    message: title,
    error_data: { details: details ?? info?.details ?? title },
    href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
  };
}

const TRACE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomTraceId(): string {
  let s = "A";
  for (let i = 0; i < 22; i++) s += TRACE_CHARS[Math.floor(Math.random() * TRACE_CHARS.length)];
  return s;
}
