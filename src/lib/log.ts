import pino, { type DestinationStream, type Logger } from "pino";

/**
 * What logs never carry: a failed query's bound parameters (phone numbers, names, message texts),
 * PostgreSQL's `detail` (it quotes the row's values), and query-string values (Meta's verify token
 * in the webhook handshake, filters that are personal data). Paths, methods and SQL text remain.
 */
const PARAMS_MARK = "\nparams: ";
const STACK_MARK = "\n    at ";

/** "Failed query: <sql>\nparams: <values>" (Drizzle's message, repeated in the stack) without the values. */
export function withoutParams(text: string): string {
  const at = text.indexOf(PARAMS_MARK);
  if (at === -1) return text;
  const stackAt = text.indexOf(STACK_MARK, at);
  return `${text.slice(0, at)}\nparams: [redacted]${stackAt === -1 ? "" : text.slice(stackAt)}`;
}

type SerializedError = Record<string, unknown> & { message?: string; stack?: string; cause?: unknown };

/**
 * Texts in an error chain that quote data, each with what replaces it: PostgreSQL's data
 * exceptions (class 22) quote the offending value ('value "+1415..." is out of range').
 */
function quotedData(error: unknown): [string, string][] {
  const pairs: [string, string][] = [];
  let current = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { message, code } = current;
    if (typeof message === "string" && typeof code === "string" && code.startsWith("22"))
      pairs.push([message, message.replace(/"[^"]*"/g, '"[redacted]"')]);
    current = current.cause as typeof current;
  }
  return pairs;
}

function scrubText(text: string, pairs: [string, string][]): string {
  let out = withoutParams(text);
  for (const [data, replacement] of pairs) out = out.replaceAll(data, replacement);
  return out;
}

function scrubError(serialized: SerializedError, pairs: [string, string][], depth = 0): SerializedError {
  const { params: _params, detail: _detail, ...rest } = serialized;
  const out: SerializedError = { ...rest };
  if (typeof out.message === "string") out.message = scrubText(out.message, pairs);
  if (typeof out.stack === "string") out.stack = scrubText(out.stack, pairs);
  if (out.cause && typeof out.cause === "object" && depth < 5)
    out.cause = scrubError(out.cause as SerializedError, pairs, depth + 1);
  return out;
}

/** An error as pino logs it, minus bound parameters and the values PostgreSQL quotes. */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (!serialized || typeof serialized !== "object") return serialized;
  return scrubError(serialized as SerializedError, quotedData(error));
}

/** A URL with every query value replaced, so tokens and personal data never reach a log line. */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  if (at === -1) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const keys = [...new Set(params.keys())];
  return `${url.slice(0, at)}?${keys.map((key) => `${encodeURIComponent(key)}=[redacted]`).join("&")}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  host?: string;
  socket?: { remotePort?: number };
}

function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url ?? ""),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The process logger: pino with the serializers above. */
export function createAppLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { err: serializeError, error: serializeError, req: serializeRequest },
  };
  return destination ? pino(options, destination) : pino(options);
}
