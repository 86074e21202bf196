import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { queryDate } from "../../lib/cursor.ts";
import { forbidden } from "../../lib/problem.ts";
import { listAudit } from "./audit.ts";
import { roles } from "./schema.ts";
import { createApiKey, createTenant, listApiKeys, revokeApiKey } from "./service.ts";
import { createUserWithoutDisclosure } from "./users.ts";

const tenantOut = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status: z.string(),
  createdAt: z.date(),
});
const apiKeyOut = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(roles),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
const slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "lowercase letters, digits and dashes, 1-40 characters");

export const accountsRoutes: ModuleRoutes = (app, { database }) => {
  const { db } = database;

  app.get(
    "/tenant",
    {
      schema: {
        tags: ["accounts"],
        summary: "The tenant the API key belongs to",
        response: { 200: tenantOut },
      },
    },
    async (request) => principalOf(request).tenant,
  );

  app.get(
    "/api-keys",
    {
      schema: {
        tags: ["accounts"],
        summary: "List the tenant's API keys",
        response: { 200: z.object({ data: z.array(apiKeyOut) }) },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin", "developer");
      return { data: await listApiKeys(db, tenant.id) };
    },
  );

  app.post(
    "/api-keys",
    {
      schema: {
        tags: ["accounts"],
        summary: "Create an API key; the key is shown once",
        body: z.object({ name: z.string().trim().min(1).max(100), role: z.enum(roles).default("developer") }),
        response: { 201: z.object({ key: z.string(), apiKey: apiKeyOut }) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, "tenant_admin");
      if (request.body.role === "platform_admin" && principal.role !== "platform_admin") {
        throw forbidden("role_not_grantable", "Only platform admins can create platform admin keys");
      }
      const created = await createApiKey(
        db,
        { tenantId: principal.tenant.id, ...request.body },
        principal.actor,
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/api-keys/:id",
    { schema: { tags: ["accounts"], summary: "Revoke an API key", params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const principal = requireRole(request, "tenant_admin");
      await revokeApiKey(db, principal.tenant.id, request.params.id, principal.actor);
      return reply.code(204).send();
    },
  );

  app.post(
    "/users",
    {
      schema: {
        tags: ["accounts"],
        summary: "Create a user of this tenant",
        description:
          "An e-mail already used by this tenant's users is refused (409). One used by another tenant is " +
          "answered like a creation but creates nothing, so no tenant learns another's users.",
        body: z.object({
          email: z.email(),
          name: z.string().trim().min(1).max(200),
          role: z.enum(roles).exclude(["platform_admin"]),
          password: z.string().min(12, "at least 12 characters").max(1024),
        }),
        response: {
          201: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(roles) }),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, "tenant_admin");
      const user = await createUserWithoutDisclosure(
        db,
        { tenantId: principal.tenant.id, ...request.body },
        principal.actor,
      );
      return reply.code(201).send(user);
    },
  );

  app.get(
    "/audit-log",
    {
      schema: {
        tags: ["accounts"],
        summary: "The tenant's audit log, newest first",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: queryDate.optional(),
          action: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.uuid(),
                actor: z.string(),
                action: z.string(),
                targetType: z.string().nullable(),
                targetId: z.string().nullable(),
                data: z.record(z.string(), z.unknown()).nullable(),
                at: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin", "analyst");
      const rows = await listAudit(db, tenant.id, request.query);
      return { data: rows.map(({ tenantId: _tenant, ...row }) => row) };
    },
  );

  app.post(
    "/admin/tenants",
    {
      schema: {
        tags: ["admin"],
        summary: "Create a tenant with its first admin API key (platform admins only)",
        body: z.object({ slug, name: z.string().trim().min(1).max(200) }),
        response: { 201: z.object({ tenant: tenantOut, adminKey: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request);
      const tenant = await createTenant(db, request.body, principal.actor);
      const { key } = await createApiKey(
        db,
        { tenantId: tenant.id, name: "initial admin key", role: "tenant_admin" },
        principal.actor,
      );
      return reply.code(201).send({ tenant, adminKey: key });
    },
  );
};
