/** Media upload (POST /{phone-number-id}/media) and the download URL Graph hands out. */
import type { FastifyInstance } from "fastify";
import { graphErrorBody } from "../../whatsapp/errors.ts";
import { type EmulatorContext, sha256Hex } from "../context.ts";
import { GraphError, invalidParam } from "../graph-error.ts";
import { graph, idParam } from "../http.ts";
import { graphParams } from "../transport.ts";

export function registerMediaRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post(
    "/:version/:id/media",
    graph(ctx, async (req) => {
      const id = idParam(req);
      ctx.phoneOr404(id);
      if (!Buffer.isBuffer(req.body)) throw invalidParam("Media upload must be multipart/form-data");
      const ct = req.headers["content-type"] ?? "";
      const form = await new Response(new Uint8Array(req.body), {
        headers: { "content-type": ct },
      }).formData();
      // Graph reads parameters from the query string too (some clients put messaging_product there).
      if ((form.get("messaging_product") ?? graphParams(req).messaging_product) !== "whatsapp") {
        throw invalidParam("The parameter messaging_product is required.");
      }
      const file = form.get("file");
      if (!(file instanceof Blob))
        throw new GraphError(131008, { details: "The parameter file is required." });
      const type = form.get("type");
      const mimeType = typeof type === "string" && type ? type : file.type || "application/octet-stream";
      const data = Buffer.from(await file.arrayBuffer());
      if (data.length === 0) throw new GraphError(131053, { details: "Uploaded file is empty" });
      const mediaId = ctx.state.nextNumericId("7");
      ctx.state.media.set(mediaId, {
        id: mediaId,
        phoneNumberId: id,
        mimeType,
        data,
        sha256: sha256Hex(data),
        filename: file instanceof File ? file.name : undefined,
        createdAt: Date.now(),
      });
      return { id: mediaId };
    }),
  );

  app.get("/whatsapp_business/attachments", async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${ctx.config.accessToken}`) {
      const r = graphErrorBody(190, { message: "Invalid OAuth access token - Cannot parse access token" });
      return reply.code(401).send(r.body);
    }
    const mid = (req.query as { mid?: string }).mid ?? "";
    const media = ctx.state.media.get(mid);
    if (!media) return reply.code(404).send(graphErrorBody(100, { details: "Media not found" }).body);
    return reply.header("content-type", media.mimeType).send(media.data);
  });
}
