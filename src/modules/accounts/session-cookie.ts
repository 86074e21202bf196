import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "charla_session";
export const CSRF_HEADER = "x-csrf-token";

/** HTTPS as the client saw it: the socket's protocol, or a proxy's X-Forwarded-Proto. */
function cameOverHttps(request: FastifyRequest): boolean {
  if (request.protocol === "https") return true;
  // Trusted for this flag even without TRUST_PROXY: claiming HTTPS only makes the cookie stricter.
  const forwarded = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: cameOverHttps(request),
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: cameOverHttps(request),
    path: "/",
  });
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

export function clientInfo(request: FastifyRequest) {
  const userAgent = request.headers["user-agent"];
  return { ip: request.ip, ...(userAgent ? { userAgent } : {}) };
}
