/**
 * Graph's transport rules: which versions it serves, unversioned paths and trailing slashes, where
 * the access token and the parameters may come from (query string, JSON or form body), and
 * object parameters sent as JSON strings.
 */
import type { FastifyRequest } from "fastify";
import type { EmulatorConfig } from "./config.ts";
import { GraphError, unknownPath } from "./graph-error.ts";

const VERSION = /^v(\d+)\.(\d+)$/;
/** First path segments that are the emulator's own, not Graph objects. */
const NOT_GRAPH = new Set(["_emulator", "whatsapp_business"]);

const versionNumber = (v: string): number => {
  const m = VERSION.exec(v);
  return m ? Number(m[1]) + Number(m[2]) / 100 : Number.NaN;
};

/**
 * Before routing: drops trailing slashes, and gives an unversioned Graph path the app's default
 * version, as graph.facebook.com does.
 */
export function rewriteGraphUrl(config: EmulatorConfig, url: string): string {
  const q = url.indexOf("?");
  let path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q);
  if (path.length > 1) path = path.replace(/\/+$/, "") || "/";
  const first = path.split("/")[1] ?? "";
  if (first !== "" && !VERSION.test(first) && !NOT_GRAPH.has(first)) {
    path = `/${config.graphApi.defaultVersion}${path}`;
  }
  return path + query;
}

/**
 * Checks the path's version: one Graph serves (oldest..latest) passes; an older one is served as
 * the oldest, as Meta upgrades calls to expired versions; a newer one or a malformed one is 2500.
 */
export function checkVersion(config: EmulatorConfig, version: string, url: string): void {
  const n = versionNumber(version);
  if (Number.isNaN(n) || n > versionNumber(config.graphApi.latestVersion)) {
    throw unknownPath(url.split("?")[0]?.replace(`/${version}`, "") || "/");
  }
}

/** The access token of a request: `Authorization: Bearer|OAuth`, or `access_token` in query or body. */
export function accessTokenOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === "string") {
    const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1];
  }
  const fromQuery = (req.query as { access_token?: unknown } | undefined)?.access_token;
  if (typeof fromQuery === "string" && fromQuery) return fromQuery;
  const body = req.body as { access_token?: unknown } | undefined;
  if (body && typeof body === "object" && !Buffer.isBuffer(body) && typeof body.access_token === "string")
    return body.access_token;
  return undefined;
}

export function checkToken(config: EmulatorConfig, req: FastifyRequest): void {
  const token = accessTokenOf(req);
  if (token === undefined) {
    throw new GraphError(190, { message: "An active access token must be used to query information." });
  }
  if (token !== config.accessToken) {
    throw new GraphError(190, { message: "Invalid OAuth access token - Cannot parse access token" });
  }
}

/** Parameters Graph takes as objects or arrays; sent as JSON strings (forms, query) they are parsed. */
const OBJECT_PARAMS = new Set([
  "text",
  "image",
  "audio",
  "video",
  "document",
  "sticker",
  "location",
  "contacts",
  "reaction",
  "interactive",
  "template",
  "context",
  "components",
  "websites",
  "typing_indicator",
]);

function parseObjectParam(key: string, value: unknown): unknown {
  if (typeof value !== "string" || !OBJECT_PARAMS.has(key)) return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    throw new GraphError(100, {
      message: `(#100) Param ${key} must be a JSON object or array`,
      details: `Param ${key} is not valid JSON`,
    });
  }
}

/**
 * A Graph request's parameters: the query string and the body (JSON or form) together, the body
 * winning, without the access token; object parameters given as JSON strings are parsed.
 */
export function graphParams(req: FastifyRequest): Record<string, unknown> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const body =
    typeof req.body === "object" && req.body !== null && !Buffer.isBuffer(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...query, ...body })) {
    if (k === "access_token") continue;
    out[k] = parseObjectParam(k, v);
  }
  return out;
}
