import type { Harness } from "./harness.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
export type Answer = { status: number; body: any; headers: Headers };

/** A browser-like client of the portal API: it keeps the session cookie and, unless told not to, sends the CSRF token. */
export interface PortalClient {
  cookie: string | null;
  csrfToken: string | null;
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: { csrf?: string | null; headers?: Record<string, string> },
  ): Promise<Answer>;
}

/** The charla_session cookie's Set-Cookie line of a response, if any. */
export function sessionSetCookie(headers: Headers): string | undefined {
  return headers.getSetCookie().find((line) => line.startsWith("charla_session="));
}

export function portalClient(h: Pick<Harness, "url">): PortalClient {
  const client: PortalClient = {
    cookie: null,
    csrfToken: null,
    async request(method, path, body, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (client.cookie) headers.cookie = `charla_session=${client.cookie}`;
      const csrf = options.csrf === undefined ? client.csrfToken : options.csrf;
      if (csrf) headers["x-csrf-token"] = csrf;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${h.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const line = sessionSetCookie(response.headers);
      if (line) {
        const value = line.slice("charla_session=".length).split(";")[0] ?? "";
        client.cookie = value || null;
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      const answer: Answer = { status: response.status, body: parsed, headers: response.headers };
      if (answer.status === 200 && typeof answer.body?.csrfToken === "string") {
        client.csrfToken = answer.body.csrfToken;
      }
      return answer;
    },
  };
  return client;
}

/** Signs a new client in; fails the test when the sign-in does not succeed. */
export async function signIn(h: Pick<Harness, "url">, email: string, password: string) {
  const client = portalClient(h);
  const answer = await client.request("POST", "/v1/auth/login", { email, password });
  if (answer.status !== 200)
    throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return client;
}
