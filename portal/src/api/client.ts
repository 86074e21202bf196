import createClient, { type Middleware } from "openapi-fetch";
import { setOnline } from "./connection";
import { ApiProblem, problemFrom } from "./problem";
import type { paths } from "./schema";

let csrfToken: string | null = null;

/** The session's CSRF token, sent as X-CSRF-Token on every state-changing request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The token for a request made without the typed client (a streamed file upload). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function withCsrf(request: Request): Request {
  if (csrfToken && !SAFE_METHODS.has(request.method)) request.headers.set("X-CSRF-Token", csrfToken);
  return request;
}

/** fetch that marks the connection lost or back, so the banner follows what really happened. */
async function trackedFetch(input: Request): Promise<Response> {
  try {
    const response = await fetch(input);
    setOnline(true);
    return response;
  } catch (error) {
    setOnline(false);
    throw new ApiProblem(0, "network_error", error instanceof Error ? error.message : String(error));
  }
}

const csrf: Middleware = { onRequest: ({ request }) => withCsrf(request) };

/** Typed client generated from Charla's /openapi.json (same origin, session cookie). */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin", fetch: trackedFetch });
api.use(csrf);

/** The data of an openapi-fetch result, or its problem thrown. */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await result;
  if (!response.ok) throw await problemFrom(response, error ?? null);
  return data as NonNullable<T>;
}
