import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { activationBoard, activationStats, addStageNote, recordStageOutcome } from "./admin.ts";
import { activationStageKeys, stageStatuses } from "./schema.ts";

const tags = ["activation"];
const stageParams = z.object({ id: z.uuid(), stage: z.enum(activationStageKeys) });

/** The platform admin board and the outcomes the platform records (its own, or Meta's). */
export const activationAdminRoutes: ModuleRoutes = (app, services) => {
  app.get(
    "/admin/activations",
    {
      schema: {
        tags,
        summary: "Every tenant's activation by stage, with SLA breaches (platform admin)",
        querystring: z.object({
          stage: z.enum(activationStageKeys).optional(),
          status: z.enum(["in_progress", "activated"]).optional(),
          breached: z.enum(["true", "false"]).optional(),
          owner: z.enum(["tenant", "platform", "meta"]).optional(),
        }),
      },
    },
    async (request) => {
      requireRole(request, "platform_admin");
      const { breached, ...filter } = request.query;
      return {
        data: await activationBoard(services.database.db, {
          ...filter,
          breached: breached === undefined ? undefined : breached === "true",
        }),
      };
    },
  );

  app.get(
    "/admin/activations/stats",
    { schema: { tags, summary: "Average time per stage and in total (platform admin)" } },
    async (request) => {
      requireRole(request, "platform_admin");
      return activationStats(services.database.db);
    },
  );

  app.post(
    "/admin/activations/:id/stages/:stage",
    {
      schema: {
        tags,
        summary: "Move a stage: the platform's decision or Meta's answer, with reasons (platform admin)",
        params: stageParams,
        body: z.object({
          to: z.enum(stageStatuses),
          reasons: z.array(z.string().trim().min(1).max(500)).max(20).optional(),
          note: z.string().trim().min(1).max(2000).optional(),
        }),
      },
    },
    async (request) => {
      const { actor } = requireRole(request, "platform_admin");
      return recordStageOutcome(services, request.params.id, request.params.stage, request.body, actor);
    },
  );

  app.post(
    "/admin/activations/:id/stages/:stage/notes",
    {
      schema: {
        tags,
        summary: "Add a platform note to a stage (platform admin)",
        params: stageParams,
        body: z.object({ text: z.string().trim().min(1).max(2000) }),
      },
    },
    async (request, reply) => {
      const { actor } = requireRole(request, "platform_admin");
      const stage = await addStageNote(
        services.database.db,
        { requestId: request.params.id },
        request.params.stage,
        request.body.text,
        actor,
      );
      return reply.code(201).send(stage);
    },
  );
};
