import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { csatResults } from "./service.ts";

export const csatRoutes: ModuleRoutes = (app, services) => {
  app.get(
    "/csat/results",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "Customer satisfaction per agent and per team: surveys sent, answered, average score (1-3), share of top scores",
        querystring: z.object({
          since: z.iso
            .datetime({ offset: true })
            .transform((value) => new Date(value))
            .optional()
            .describe("default: 30 days ago"),
        }),
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin", "agent", "analyst");
      const since = request.query.since ?? new Date(Date.now() - 30 * 86_400_000);
      return csatResults(services.database.db, tenant.id, since);
    },
  );
};
