/**
 * RFC 9457 problem details. Every error Charla answers carries a stable machine `code`;
 * `type` is derived from it so clients can switch on either.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  /** Per-field validation errors. */
  errors?: { path: string; code: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = "https://charla.dev/problems/";

/** An error a service throws on purpose; the HTTP layer turns it into problem JSON. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extensions: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.extensions = extensions;
  }
}

export const badRequest = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new AppError(400, code, detail, extensions);
export const notFound = (what: string, code = "not_found") =>
  new AppError(404, code, `${what} was not found`);
export const conflict = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new AppError(409, code, detail, extensions);
export const forbidden = (code: string, detail: string) => new AppError(403, code, detail);
export const unprocessable = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new AppError(422, code, detail, extensions);

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problem(
  status: number,
  code: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return {
    type: `${PROBLEM_BASE}${code}`,
    title: titles[status] ?? "Error",
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extensions,
  };
}
