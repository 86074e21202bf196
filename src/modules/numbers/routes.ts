import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { connectAccount, listAccounts, listPhoneNumbers, refreshTenantAccount } from "./service.ts";

export const numbersRoutes: ModuleRoutes = (app, services) => {
  app.post(
    "/whatsapp-accounts",
    {
      schema: {
        tags: ["numbers"],
        summary:
          "Connect a WhatsApp Business Account (its numbers are imported; the token is stored encrypted)",
        body: z.object({
          wabaId: z.string().regex(/^\d{5,20}$/, "Meta's numeric WABA id"),
          accessToken: z.string().min(10).max(4096),
          name: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return reply.code(201).send(await connectAccount(services, tenant.id, request.body, actor));
    },
  );

  app.get(
    "/whatsapp-accounts",
    { schema: { tags: ["numbers"], summary: "Connected WhatsApp Business Accounts" } },
    async (request) => ({
      data: await listAccounts(services.database.db, principalOf(request).tenant.id),
    }),
  );

  app.post(
    "/whatsapp-accounts/:id/refresh",
    {
      schema: {
        tags: ["numbers"],
        summary:
          "Re-read the account's numbers from Meta now (quality rating, limit tier, throughput, status)",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin");
      return { data: await refreshTenantAccount(services, tenant.id, request.params.id) };
    },
  );

  app.get(
    "/phone-numbers",
    { schema: { tags: ["numbers"], summary: "The tenant's phone numbers with quality and throughput" } },
    async (request) => ({
      data: await listPhoneNumbers(services.database.db, principalOf(request).tenant.id),
    }),
  );
};
