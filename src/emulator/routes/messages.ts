/** POST /{phone-number-id}/messages. */
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.ts";
import { GraphError } from "../graph-error.ts";
import { graph, idParam } from "../http.ts";
import { handleSend } from "../send.ts";
import { graphParams } from "../transport.ts";

export function registerMessageRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post(
    "/:version/:id/messages",
    graph(
      ctx,
      (req) => {
        const phone = ctx.phoneOr404(idParam(req));
        if (!phone.registered) throw new GraphError(133010);
        return handleSend(ctx, phone, graphParams(req));
      },
      { send: true },
    ),
  );
}
