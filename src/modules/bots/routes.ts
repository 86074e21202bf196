import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { senderNumber } from "../numbers/index.ts";
import { flowDefinitionSchema, triggersSchema } from "./definition.ts";
import {
  createFlow,
  type FlowInput,
  getFlow,
  listFlows,
  listVersions,
  publishFlow,
  rollbackFlow,
  updateFlow,
} from "./flows.ts";
import { flowAnalytics, simulateFlow } from "./simulate.ts";
import { validateFlow } from "./validate.ts";

const idParams = z.object({ id: z.uuid() });
const flowBody = z.object({
  name: z.string().min(1).max(200),
  phoneNumberId: z.string().max(64).nullable().optional().describe("Charla or Meta id; null: every number"),
  isDefault: z.boolean().optional().describe("the number's default bot: answers what no trigger takes"),
  triggers: triggersSchema.optional(),
  definition: flowDefinitionSchema.optional().describe("the draft; published only by POST .../publish"),
});
const problemOut = z.object({ code: z.string(), nodeId: z.string().optional(), message: z.string() });
const inboundSchema = z.object({
  text: z.string().max(4096).default(""),
  replyId: z.string().max(256).optional().describe("id of a tapped reply button or list row"),
});
const tags = ["bots"];

export const botsRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  const admin = (request: Parameters<typeof requireRole>[0]) => requireRole(request, "tenant_admin");
  const reader = (request: Parameters<typeof requireRole>[0]) =>
    requireRole(request, "tenant_admin", "agent", "analyst");
  const resolveNumber = async (tenantId: string, input: Partial<FlowInput>) =>
    input.phoneNumberId
      ? { ...input, phoneNumberId: (await senderNumber(db, tenantId, input.phoneNumberId)).id }
      : input;

  app.post(
    "/bots/flows",
    { schema: { tags, summary: "Create a bot flow (draft)", body: flowBody } },
    async (request, reply) => {
      const { tenant } = admin(request);
      reply.code(201);
      return createFlow(db, tenant.id, {
        ...(await resolveNumber(tenant.id, request.body)),
        name: request.body.name,
      });
    },
  );
  app.get("/bots/flows", { schema: { tags, summary: "Bot flows" } }, async (request) => ({
    data: await listFlows(db, reader(request).tenant.id),
  }));
  app.get(
    "/bots/flows/:id",
    { schema: { tags, summary: "A bot flow: draft, triggers, published version", params: idParams } },
    async (request) => getFlow(db, reader(request).tenant.id, request.params.id),
  );
  app.patch(
    "/bots/flows/:id",
    {
      schema: {
        tags,
        summary: "Save a flow's draft and settings",
        params: idParams,
        body: flowBody.partial(),
      },
    },
    async (request) => {
      const { tenant } = admin(request);
      return updateFlow(db, tenant.id, request.params.id, await resolveNumber(tenant.id, request.body));
    },
  );
  app.get(
    "/bots/flows/:id/problems",
    {
      schema: {
        tags,
        summary: "What keeps the draft from being published: unreachable nodes, dead ends, missing targets",
        params: idParams,
        response: { 200: z.object({ problems: z.array(problemOut) }) },
      },
    },
    async (request) => ({
      problems: validateFlow((await getFlow(db, reader(request).tenant.id, request.params.id)).draft),
    }),
  );
  app.post(
    "/bots/flows/:id/publish",
    {
      schema: {
        tags,
        summary: "Publish the draft as the next (immutable) version; 422 bot_flow_invalid lists the problems",
        params: idParams,
      },
    },
    async (request, reply) => {
      const { tenant, actor } = admin(request);
      reply.code(201);
      return publishFlow(db, tenant.id, request.params.id, actor);
    },
  );
  app.get(
    "/bots/flows/:id/versions",
    { schema: { tags, summary: "Published versions, newest first", params: idParams } },
    async (request) => ({
      data: await listVersions(db, reader(request).tenant.id, request.params.id),
    }),
  );
  app.post(
    "/bots/flows/:id/rollback",
    {
      schema: {
        tags,
        summary: "Run an earlier published version again (it also becomes the draft)",
        params: idParams,
        body: z.object({ version: z.number().int().min(1) }),
      },
    },
    async (request) => rollbackFlow(db, admin(request).tenant.id, request.params.id, request.body.version),
  );
  app.post(
    "/bots/flows/:id/simulate",
    {
      schema: {
        tags,
        summary:
          "Run the draft against the bot runtime without WhatsApp: the bot's replies after each message and the final state",
        params: idParams,
        body: z.object({
          messages: z.array(inboundSchema).min(1).max(50),
          attributes: z.record(z.string().max(64), z.string().max(1024)).optional(),
        }),
      },
    },
    async (request) => simulateFlow(services, admin(request).tenant.id, request.params.id, request.body),
  );
  app.get(
    "/bots/flows/:id/analytics",
    {
      schema: { tags, summary: "Sessions, completions, handovers, and drop-off per node", params: idParams },
    },
    async (request) => flowAnalytics(db, reader(request).tenant.id, request.params.id),
  );
};
