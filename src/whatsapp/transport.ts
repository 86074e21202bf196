/**
 * The HTTP side of the Cloud API client: one request (URL, auth, JSON or multipart body, error
 * mapping) and the retries with backoff and jitter on transient failures (errors.ts: policy "now").
 */
import { Agent, type Dispatcher, type FormData, request } from "undici";
import type { WhatsAppClientOptions } from "./client.ts";
import { WhatsAppApiError } from "./errors.ts";
import { DEFAULT_GRAPH_VERSION } from "./types.ts";

const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 200, maxDelayMs: 10_000 };

export interface CallOptions {
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

export interface Transport {
  baseUrl: string;
  version: string;
  /** A Graph call, retried on transient errors; answers the parsed JSON body. */
  call<T>(opts: CallOptions): Promise<T>;
  /** A GET of an absolute URL answering bytes (media download), retried on transient errors. */
  download(url: string): Promise<{ body: Buffer; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export function createTransport(options: WhatsAppClientOptions): Transport {
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

  async function download(url: string) {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const response = await once({ method: "GET", path: "", url, raw: true });
        return { body: response.body as Buffer, headers: response.headers };
      } catch (err) {
        if (!(err instanceof WhatsAppApiError) || err.retryPolicy !== "now" || attempt >= retry.attempts)
          throw err;
        await sleep(retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      }
    }
  }

  return {
    baseUrl,
    version,
    call,
    download,
    async close() {
      await ownAgent?.close();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}
