import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import {
  declareUseCase,
  pendingNotificationReviews,
  reviewNotifications,
  USE_CASE_CHECKS,
} from "./notifications.ts";

const tags = ["numbers"];

/** The tenant declares its notification use case; a platform admin enables or rejects it. */
export const notificationRoutes: ModuleRoutes = (app, services) => {
  app.post(
    "/whatsapp-accounts/:id/notifications",
    {
      schema: {
        tags,
        summary: "Declare the account's notification use case for the platform's review",
        params: z.object({ id: z.uuid() }),
        body: z.object({
          useCase: z.string().trim().min(10).max(2000),
          optInSource: z.string().trim().min(3).max(500),
          sampleMessage: z.string().trim().min(1).max(1024),
        }),
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return declareUseCase(services, tenant.id, request.params.id, request.body, actor);
    },
  );

  app.get(
    "/admin/notification-reviews",
    { schema: { tags, summary: "Accounts whose notifications wait for review (platform admin)" } },
    async (request) => {
      requireRole(request, "platform_admin");
      return { data: await pendingNotificationReviews(services.database.db) };
    },
  );

  app.post(
    "/admin/whatsapp-accounts/:id/notifications",
    {
      schema: {
        tags,
        summary: "Enable (every check confirmed) or reject an account's notifications (platform admin)",
        params: z.object({ id: z.uuid() }),
        body: z.object({
          decision: z.enum(["enable", "reject"]),
          checks: z.object(
            Object.fromEntries(USE_CASE_CHECKS.map((check) => [check, z.boolean().optional()])),
          ),
          note: z.string().trim().min(1).max(2000).optional(),
        }),
      },
    },
    async (request) => {
      const { actor } = requireRole(request, "platform_admin");
      return reviewNotifications(services, request.params.id, request.body, actor);
    },
  );
};
