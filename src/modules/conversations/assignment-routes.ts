import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { badRequest } from "../../lib/problem.ts";
import { listAgents, updateAgent } from "./agents.ts";
import { assignConversation, takeConversation } from "./assignment.ts";
import {
  agentOut,
  agentPatch,
  assignBody,
  conversationOut,
  idParams,
  ruleBody,
  teamBody,
  teamOut,
} from "./route-schemas.ts";
import { getConversation } from "./service.ts";
import { createRule, deleteRule, deleteTeam, listRules, listTeams, saveTeam } from "./teams.ts";

const problem409 = z.looseObject({ code: z.string(), assignee: z.unknown() });

/** Assignment (manual and taking), agents' presence and capacity. */
export const assignmentRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;

  app.post(
    "/conversations/:id/assignment",
    {
      schema: {
        tags: ["inbox"],
        summary: "Assign, unassign or transfer a conversation (to an agent and/or a team, with a note)",
        description:
          "With expectedAssigneeId the change applies only if the conversation still has that assignee; otherwise 409 conversation_assigned with `assignee` (who has it).",
        params: idParams,
        body: assignBody,
        response: { 200: conversationOut, 409: problem409 },
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin", "agent");
      await assignConversation(services, tenant.id, request.params.id, request.body, actor);
      return getConversation(db, tenant.id, request.params.id);
    },
  );

  app.post(
    "/conversations/:id/take",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "The signed-in agent takes an unassigned conversation (409 naming who has it, if someone was faster)",
        params: idParams,
        response: { 200: conversationOut, 409: problem409 },
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin", "agent");
      await takeConversation(services, tenant.id, request.params.id, actor);
      return getConversation(db, tenant.id, request.params.id);
    },
  );

  app.get(
    "/agents",
    {
      schema: {
        tags: ["inbox"],
        summary: "The tenant's agents: availability, capacity, open conversations, teams",
        response: { 200: z.object({ data: z.array(agentOut) }) },
      },
    },
    async (request) => ({ data: await listAgents(db, principalOf(request).tenant.id) }),
  );

  app.patch(
    "/agents/me",
    {
      schema: {
        tags: ["inbox"],
        summary: "The signed-in agent's availability (online, away, offline) or capacity",
        body: agentPatch,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!principal.session) throw badRequest("user_required", "Sign in as the agent");
      return updateAgent(services, principal.tenant.id, principal.session.user.id, request.body);
    },
  );

  app.post(
    "/agents/me/heartbeat",
    { schema: { tags: ["inbox"], summary: "The agent is active (an away agent is online again)" } },
    async (request) => {
      const principal = principalOf(request);
      if (!principal.session) throw badRequest("user_required", "Sign in as the agent");
      return updateAgent(services, principal.tenant.id, principal.session.user.id, { active: true });
    },
  );

  app.patch(
    "/agents/:id",
    {
      schema: {
        tags: ["inbox"],
        summary: "An admin sets an agent's availability or capacity",
        params: idParams,
        body: agentPatch,
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, "tenant_admin");
      return updateAgent(services, tenant.id, request.params.id, request.body);
    },
  );

  teamRoutes(app, services);
};

/** Teams and routing rules (tenant admins). */
const teamRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  app.get(
    "/teams",
    {
      schema: {
        tags: ["inbox"],
        summary: "Teams with members, hours and SLA policy",
        response: { 200: z.object({ data: z.array(teamOut) }) },
      },
    },
    async (request) => ({
      data: await listTeams(db, principalOf(request).tenant.id),
    }),
  );
  app.post(
    "/teams",
    { schema: { tags: ["inbox"], summary: "Create a team", body: teamBody.required({ name: true }) } },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin");
      return reply.code(201).send(await saveTeam(db, tenant.id, null, request.body));
    },
  );
  app.patch(
    "/teams/:id",
    {
      schema: {
        tags: ["inbox"],
        summary: "Change a team (memberIds replaces its members)",
        params: idParams,
        body: teamBody,
      },
    },
    async (request) =>
      saveTeam(db, requireRole(request, "tenant_admin").tenant.id, request.params.id, request.body),
  );
  app.delete(
    "/teams/:id",
    { schema: { tags: ["inbox"], summary: "Delete a team", params: idParams } },
    async (request, reply) => {
      await deleteTeam(db, requireRole(request, "tenant_admin").tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/assignment-rules",
    { schema: { tags: ["inbox"], summary: "Routing rules, in the order they are tried" } },
    async (request) => ({
      data: await listRules(db, principalOf(request).tenant.id),
    }),
  );
  app.post(
    "/assignment-rules",
    {
      schema: {
        tags: ["inbox"],
        summary:
          "A routing rule: number, contact tag, contact attribute, keywords of the first message -> team",
        body: ruleBody,
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin");
      return reply.code(201).send(await createRule(db, tenant.id, request.body));
    },
  );
  app.delete(
    "/assignment-rules/:id",
    { schema: { tags: ["inbox"], summary: "Delete a routing rule", params: idParams } },
    async (request, reply) => {
      await deleteRule(db, requireRole(request, "tenant_admin").tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );
};
