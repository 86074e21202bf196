import type { FastifyRequest } from "fastify";
import { AppError } from "../lib/problem.ts";
import type { Principal, Role } from "../modules/accounts/index.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const unauthorized = (detail: string) => new AppError(401, "unauthorized", detail);

/** onRequest hook: a Bearer API key is required and scopes the request to its tenant. */
export function apiKeyAuth(authenticate: (token: string) => Promise<Principal | null>) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw unauthorized("Send an API key as 'Authorization: Bearer <key>'");
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) throw unauthorized("Use the Bearer scheme");
    const principal = await authenticate(token.trim());
    if (!principal) throw unauthorized("The API key is unknown or revoked");
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
  const role = principal.apiKey.role;
  if (role !== "platform_admin" && !allowed.includes(role)) {
    throw new AppError(
      403,
      "forbidden_role",
      `This needs one of the roles: ${allowed.join(", ")} (key has ${role})`,
    );
  }
  return principal;
}
