import { randomBytes } from "node:crypto";
import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { completeSignup, signupUrl } from "./signup.ts";

const tags = ["numbers"];

/** Self-service Embedded Signup: the page to open, then the completion with its code. */
export const signupRoutes: ModuleRoutes = (app, services) => {
  app.get(
    "/signup/embedded",
    {
      schema: {
        tags,
        summary: "The Embedded Signup page to open (sandbox); it returns to redirectUri with a code",
        querystring: z.object({ redirectUri: z.url().max(2048) }),
      },
    },
    async (request) => {
      requireRole(request, "tenant_admin");
      const state = randomBytes(12).toString("base64url");
      return { url: signupUrl(services, request.query.redirectUri, state), state };
    },
  );

  app.post(
    "/signup/embedded",
    {
      schema: {
        tags,
        summary:
          "Finish Embedded Signup: exchange the code, connect the WABA, subscribe the app, register the number",
        body: z.object({
          code: z.string().min(10).max(512),
          wabaId: z.string().regex(/^\d{5,20}$/),
          phoneNumberId: z.string().regex(/^\d{5,20}$/),
          pin: z.string().regex(/^\d{6}$/, "a 6-digit two-step verification PIN"),
        }),
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return reply.code(201).send(await completeSignup(services, tenant.id, request.body, actor));
    },
  );
};
