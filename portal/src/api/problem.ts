/** An RFC 9457 problem answered by Charla, or a lost connection (status 0, code "network_error"). */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  /** Seconds, from Retry-After (lockout). */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    detail?: string,
    errors: FieldProblem[] = [],
    retryAfter: number | null = null,
  ) {
    super(detail ?? code);
    this.name = "ApiProblem";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Reads a problem body (or anything else) from a failed response. */
export async function problemFrom(response: Response, body?: unknown): Promise<ApiProblem> {
  let parsed = body;
  if (parsed === undefined) {
    const text = await response.text().catch(() => "");
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
  }
  const object = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const retry = Number(response.headers.get("retry-after"));
  return new ApiProblem(
    response.status,
    typeof object.code === "string" ? object.code : `http_${response.status}`,
    typeof object.detail === "string" ? object.detail : undefined,
    Array.isArray(object.errors) ? (object.errors as FieldProblem[]) : [],
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
}

export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem(0, "network_error", error instanceof Error ? error.message : String(error));
}
