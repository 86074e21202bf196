import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { injectSandboxInbound } from "./service.ts";

/** The developer page's sandbox controls: whether the emulator runs, and a simulated customer writing in. */
export const sandboxRoutes: ModuleRoutes = (app, { database, sandbox }) => {
  const { db } = database;

  app.get(
    "/sandbox",
    {
      schema: {
        tags: ["sandbox"],
        summary: "Whether this server runs the Cloud API emulator, and where",
        response: { 200: z.object({ enabled: z.boolean(), emulatorUrl: z.string().nullable() }) },
      },
    },
    async (request) => {
      principalOf(request);
      return { enabled: Boolean(sandbox), emulatorUrl: sandbox?.emulatorUrl ?? null };
    },
  );

  app.post(
    "/sandbox/inbound",
    {
      schema: {
        tags: ["sandbox"],
        summary: "A simulated customer writes to one of the tenant's sandbox numbers",
        body: z.object({
          from: z.string().trim().min(6).max(20),
          text: z.string().min(1).max(4096),
          /** Charla's id or Meta's phone number id; default the tenant's first number. */
          phoneNumberId: z.string().trim().min(1).max(64).optional(),
        }),
        response: {
          202: z.object({ id: z.string(), from: z.string(), phoneNumberId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin", "developer");
      const injected = await injectSandboxInbound(db, sandbox, tenant.id, request.body);
      return reply.code(202).send(injected);
    },
  );
};
