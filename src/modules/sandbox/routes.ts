import { and, eq, or } from "drizzle-orm";
import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { AppError, notFound } from "../../http/problem.ts";
import { toE164 } from "../contacts/phone.ts";
import { phoneNumbers } from "../numbers/schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sandboxDisabled = () =>
  new AppError(404, "sandbox_disabled", "The sandbox is off on this server (SANDBOX=false)");

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
      if (!sandbox) throw sandboxDisabled();
      const from = toE164(request.body.from, "from").slice(1);
      const wanted = request.body.phoneNumberId;
      const [number] = await db
        .select({ phoneNumberId: phoneNumbers.phoneNumberId })
        .from(phoneNumbers)
        .where(
          and(
            eq(phoneNumbers.tenantId, tenant.id),
            wanted
              ? or(
                  eq(phoneNumbers.phoneNumberId, wanted),
                  UUID.test(wanted) ? eq(phoneNumbers.id, wanted) : undefined,
                )
              : undefined,
          ),
        )
        .orderBy(phoneNumbers.createdAt)
        .limit(1);
      if (!number) throw notFound("Sandbox phone number", "phone_number_not_found");
      const response = await fetch(`${sandbox.emulatorUrl}/_emulator/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from, to: number.phoneNumberId, text: request.body.text }),
        signal: AbortSignal.timeout(5_000),
      }).catch(() => null);
      if (!response?.ok) {
        throw new AppError(502, "sandbox_unavailable", "The sandbox emulator did not take the message");
      }
      const injected = (await response.json()) as { id: string };
      return reply.code(202).send({ id: injected.id, from, phoneNumberId: number.phoneNumberId });
    },
  );
};
