import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { forbidden } from "../../http/problem.ts";
import { createInvitation, listPendingInvitations, revokeInvitation } from "./invitations.ts";
import { roles } from "./schema.ts";

const invitationOut = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  invitedBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
});

/** A tenant admin invites people to the portal; the invitee sets their own password. */
export const invitationRoutes: ModuleRoutes = (app, { database, config }) => {
  const { db } = database;
  const ttlMs = config.INVITATION_TTL_HOURS * 3_600_000;

  app.post(
    "/users/invitations",
    {
      schema: {
        tags: ["accounts"],
        summary: "Invite a user to this tenant; the token is shown once",
        body: z.object({
          email: z.email().max(320),
          name: z.string().trim().min(1).max(200),
          role: z.enum(roles),
        }),
        response: {
          201: invitationOut.extend({ token: z.string(), acceptPath: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, "tenant_admin");
      if (request.body.role === "platform_admin" && principal.role !== "platform_admin") {
        throw forbidden("role_not_grantable", "Only platform admins can invite platform admins");
      }
      const created = await createInvitation(db, principal.tenant.id, request.body, principal.actor, ttlMs);
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/users/invitations",
    {
      schema: {
        tags: ["accounts"],
        summary: "Pending invitations of this tenant (tokens are never shown again)",
        response: { 200: z.object({ data: z.array(invitationOut) }) },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin");
      return { data: await listPendingInvitations(db, tenant.id) };
    },
  );

  app.delete(
    "/users/invitations/:id",
    {
      schema: {
        tags: ["accounts"],
        summary: "Revoke a pending invitation",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, "tenant_admin");
      await revokeInvitation(db, principal.tenant.id, request.params.id, principal.actor);
      return reply.code(204).send();
    },
  );
};
