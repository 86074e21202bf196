/** Object lookup by id: GET /{id} (media, template, phone number, WABA) and DELETE /{media-id}. */
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.ts";
import { fieldsOf, pickFields, WABA_NODE } from "../fields.ts";
import { unknownObject } from "../graph-error.ts";
import { graph, idParam } from "../http.ts";
import { publicPhone } from "../phones.ts";
import { publicTemplate } from "../templates.ts";
import { graphParams } from "../transport.ts";

export function registerObjectRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(
    "/:version/:id",
    graph(ctx, (req) => {
      const id = idParam(req);
      const media = ctx.state.media.get(id);
      if (media) {
        return {
          messaging_product: "whatsapp",
          url: `${ctx.baseUrl}/whatsapp_business/attachments/?mid=${media.id}&ext=${Date.now()}`,
          mime_type: media.mimeType,
          sha256: media.sha256,
          file_size: media.data.length,
          id: media.id,
        };
      }
      const template = ctx.state.templates.get(id);
      if (template) return publicTemplate(template, fieldsOf(graphParams(req)));
      const phone = ctx.state.phones.get(id);
      if (phone) return publicPhone(ctx.config, phone, fieldsOf(graphParams(req)));
      const waba = ctx.state.wabas.get(id);
      if (waba) {
        const full = {
          id: waba.id,
          name: waba.name,
          currency: "USD",
          timezone_id: "1",
          message_template_namespace: `ns_${waba.id}`,
        };
        return pickFields(WABA_NODE, full, fieldsOf(graphParams(req)));
      }
      throw unknownObject(id, req.method);
    }),
  );

  app.delete(
    "/:version/:id",
    graph(ctx, (req) => {
      const id = idParam(req);
      if (!ctx.state.media.delete(id)) throw unknownObject(id, req.method);
      return { success: true };
    }),
  );
}
