import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { safeEqual } from "../lib/crypto.ts";
import type { Role } from "../modules/accounts/schema.ts";
import { authenticateApiKey, type Principal } from "../modules/accounts/service.ts";
import { CSRF_HEADER, clearSessionCookie, sessionToken } from "../modules/accounts/session-cookie.ts";
import { authenticateSession, type SessionSettings } from "../modules/accounts/sessions.ts";
import { AppError } from "./problem.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const unauthorized = (detail: string) => new AppError(401, "unauthorized", detail);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

async function apiKeyPrincipal(db: Db, header: string): Promise<Principal> {
  const [scheme, token] = header.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) throw unauthorized("Use the Bearer scheme");
  const principal = await authenticateApiKey(db, token.trim());
  if (!principal) throw unauthorized("The API key is unknown or revoked");
  return principal;
}

/**
 * onRequest hook: a Bearer API key or a portal session cookie is required and scopes the request
 * to its tenant. A request authenticated by the cookie that changes state must echo the session's
 * CSRF token in X-CSRF-Token; API keys need none (browsers never send them on their own).
 */
export function authenticate(db: Db, sessions: SessionSettings) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header) {
      request.principal = await apiKeyPrincipal(db, header);
      return;
    }
    const token = sessionToken(request);
    if (!token) {
      throw unauthorized("Sign in, or send an API key as 'Authorization: Bearer <key>'");
    }
    const principal = await authenticateSession(db, token, sessions);
    if (!principal?.session) {
      clearSessionCookie(request, reply);
      throw unauthorized("The session has ended; sign in again");
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !safeEqual(sent, principal.session.csrfToken)) {
        throw new AppError(403, "csrf_failed", `Send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    request.principal = principal;
  };
}

/** The authenticated principal; throws when the route was mounted without auth. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized("Not authenticated");
  return request.principal;
}

/** Platform admins may do everything; others need one of the listed roles. */
export function requireRole(request: FastifyRequest, ...allowed: Role[]): Principal {
  const principal = principalOf(request);
  const role = principal.role;
  if (role !== "platform_admin" && !allowed.includes(role)) {
    throw new AppError(
      403,
      "forbidden_role",
      `This needs one of the roles: ${allowed.join(", ")} (${principal.session ? "you have" : "key has"} ${role})`,
    );
  }
  return principal;
}
