import { z } from "zod";
import { principalOf } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { badRequest } from "../../lib/problem.ts";
import { PUSH_LANGUAGES } from "./schema.ts";
import { subscribe, unsubscribe, vapidKeys } from "./service.ts";

const subscriptionBody = z.object({
  endpoint: z.string().min(1).max(2000),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
  language: z
    .enum(PUSH_LANGUAGES)
    .optional()
    .describe("The portal's language (es, en or pt): notices to this browser are written in it"),
});

export const pushRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  const signedInUser = (request: Parameters<typeof principalOf>[0]) => {
    const principal = principalOf(request);
    if (!principal.session)
      throw badRequest("user_required", "Web Push subscriptions belong to a signed-in user");
    return { tenantId: principal.tenant.id, userId: principal.session.user.id };
  };

  app.get(
    "/push/public-key",
    {
      schema: {
        tags: ["push"],
        summary: "The VAPID public key browsers subscribe with (applicationServerKey)",
      },
    },
    async () => ({ publicKey: (await vapidKeys(services)).publicKey }),
  );

  app.post(
    "/push/subscriptions",
    {
      schema: {
        tags: ["push"],
        summary:
          "Register this browser (PushSubscription.toJSON() and the portal's language) for notices of new assigned conversations and mentions; registering again updates the language",
        body: subscriptionBody,
      },
    },
    async (request, reply) => {
      const { tenantId, userId } = signedInUser(request);
      return reply.code(201).send(await subscribe(db, tenantId, userId, request.body));
    },
  );

  app.delete(
    "/push/subscriptions",
    {
      schema: {
        tags: ["push"],
        summary: "Unregister a browser",
        body: z.object({ endpoint: z.string().min(1) }),
      },
    },
    async (request, reply) => {
      await unsubscribe(db, signedInUser(request).userId, request.body.endpoint);
      return reply.code(204).send();
    },
  );
};
