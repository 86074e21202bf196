import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { csatResults } from "./service.ts";
import { getCsatSettings, saveCsatSettings } from "./settings.ts";

const settingsOut = z.object({
  template: z.object({ name: z.string(), language: z.string() }).nullable(),
});

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

  app.get(
    "/csat/settings",
    {
      schema: {
        tags: ["inbox"],
        summary: "The template that asks for a rating when the customer service window has closed",
        response: { 200: settingsOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin", "agent", "analyst");
      return getCsatSettings(services.database.db, tenant.id);
    },
  );

  app.put(
    "/csat/settings",
    {
      schema: {
        tags: ["inbox"],
        summary: "Choose the template asked outside the window (null: surveys then are skipped)",
        description:
          "An approved template with three quick-reply buttons (good, fair, bad, in that order) and no header or body variables; its buttons carry the answers as payloads. Inside the window the team's question goes as reply buttons.",
        body: z.object({
          template: z
            .object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) })
            .nullable(),
        }),
        response: { 200: settingsOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin");
      return saveCsatSettings(services.database.db, tenant.id, request.body.template);
    },
  );
};
