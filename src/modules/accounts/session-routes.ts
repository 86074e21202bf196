import type { FastifyReply } from "fastify";
import { z } from "zod";
import { principalOf } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { AppError } from "../../http/problem.ts";
import { recordAudit } from "./audit.ts";
import { acceptInvitation, describeInvitation } from "./invitations.ts";
import { changePassword, login } from "./login.ts";
import { throttleSettings } from "./login-throttle.ts";
import { roles } from "./schema.ts";
import { clearSessionCookie, clientInfo, setSessionCookie } from "./session-cookie.ts";
import { endSession, sessionSettings } from "./sessions.ts";

export const sessionOut = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    tenantId: z.uuid(),
  }),
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  csrfToken: z.string(),
});

/** Passwords chosen in the portal: long enough to resist guessing, short enough to hash cheaply. */
const newPassword = z.string().min(10, "at least 10 characters").max(1000);

/** A lock answers 429 with Retry-After so clients can say when to try again. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && typeof error.extensions.retryAfter === "number") {
      reply.header("retry-after", String(error.extensions.retryAfter));
    }
    throw error;
  }
}

/** Sign-in and invitation acceptance: under /v1/auth but reachable without being signed in. */
export const publicSessionRoutes: ModuleRoutes = (app, { database, config }) => {
  const { db } = database;
  const settings = { sessions: sessionSettings(config), throttle: throttleSettings(config) };

  app.post(
    "/v1/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in to the portal with email and password; sets the session cookie",
        security: [],
        body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) }),
        response: { 200: sessionOut },
      },
    },
    async (request, reply) => {
      const started = await withRetryAfter(reply, () =>
        login(db, request.body, clientInfo(request), settings),
      );
      setSessionCookie(request, reply, started.token, started.expiresAt);
      return started.body;
    },
  );

  app.get(
    "/v1/auth/invitations/:token",
    {
      schema: {
        tags: ["auth"],
        summary: "What an invitation is for (404 when unknown, used, revoked or expired)",
        security: [],
        params: z.object({ token: z.string().min(1).max(200) }),
        response: {
          200: z.object({
            email: z.string(),
            name: z.string(),
            role: z.enum(roles),
            tenantName: z.string(),
            expiresAt: z.date(),
          }),
        },
      },
    },
    async (request) => describeInvitation(db, request.params.token),
  );

  app.post(
    "/v1/auth/invitations/:token/accept",
    {
      schema: {
        tags: ["auth"],
        summary: "Accept an invitation: sets the password, creates the user and signs in",
        security: [],
        params: z.object({ token: z.string().min(1).max(200) }),
        body: z.object({ name: z.string().trim().min(1).max(200).optional(), password: newPassword }),
        response: { 200: sessionOut },
      },
    },
    async (request, reply) => {
      const started = await acceptInvitation(
        db,
        request.params.token,
        request.body,
        clientInfo(request),
        settings.sessions,
      );
      setSessionCookie(request, reply, started.token, started.expiresAt);
      return started.body;
    },
  );
};

/** The signed-in user's session: read it, end it, change the password. Mounted under /v1. */
export const sessionRoutes: ModuleRoutes = (app, { database, config }) => {
  const { db } = database;
  const throttle = throttleSettings(config);

  const sessionOf = (principal: ReturnType<typeof principalOf>) => {
    if (!principal.session) throw new AppError(401, "unauthorized", "API keys have no portal session");
    return principal.session;
  };

  app.get(
    "/auth/session",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user, tenant and CSRF token",
        response: { 200: sessionOut },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const session = sessionOf(principal);
      const { id, slug, name } = principal.tenant;
      return { user: session.user, tenant: { id, slug, name }, csrfToken: session.csrfToken };
    },
  );

  app.post(
    "/auth/logout",
    { schema: { tags: ["auth"], summary: "Sign out: ends the session and clears its cookie" } },
    async (request, reply) => {
      const principal = principalOf(request);
      const session = sessionOf(principal);
      await endSession(db, session.id);
      await recordAudit(db, principal.actor, {
        tenantId: principal.tenant.id,
        action: "logout",
        targetType: "user",
        targetId: session.user.id,
      });
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.post(
    "/auth/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Change the signed-in user's password; their other sessions end",
        body: z.object({ currentPassword: z.string().min(1).max(1000), newPassword }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      sessionOf(principal);
      await withRetryAfter(reply, () =>
        changePassword(db, principal, request.body, clientInfo(request), throttle),
      );
      return reply.code(204).send();
    },
  );
};
