import { z } from "zod";
import type { Services } from "../../app/services.ts";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { unprocessable } from "../../lib/problem.ts";
import { accountToken, numbersByIds } from "../numbers/index.ts";
import { idParams } from "./route-schemas.ts";
import { getConversation } from "./service.ts";

/** Meta's media types and their largest sizes (Cloud API media reference). */
const MEDIA_LIMITS: Record<
  string,
  { type: "image" | "video" | "audio" | "document" | "sticker"; max: number }
> = {
  "image/jpeg": { type: "image", max: 5 << 20 },
  "image/png": { type: "image", max: 5 << 20 },
  "image/webp": { type: "sticker", max: 500 << 10 },
  "video/mp4": { type: "video", max: 16 << 20 },
  "video/3gpp": { type: "video", max: 16 << 20 },
  "audio/aac": { type: "audio", max: 16 << 20 },
  "audio/mpeg": { type: "audio", max: 16 << 20 },
  "audio/mp4": { type: "audio", max: 16 << 20 },
  "audio/ogg": { type: "audio", max: 16 << 20 },
  "audio/amr": { type: "audio", max: 16 << 20 },
  "application/pdf": { type: "document", max: 100 << 20 },
  "text/plain": { type: "document", max: 100 << 20 },
  "application/msword": { type: "document", max: 100 << 20 },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    type: "document",
    max: 100 << 20,
  },
  "application/vnd.ms-excel": { type: "document", max: 100 << 20 },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { type: "document", max: 100 << 20 },
};
/** The route's body limit: the largest file the portal sends through Charla (documents are rarely larger). */
const UPLOAD_LIMIT = 16 << 20;

/** Uploads an agent's file to Meta through the conversation's number; the message then sends it by id. */
export async function uploadConversationMedia(
  services: Services,
  tenantId: string,
  conversationId: string,
  file: { data: Buffer; mimeType: string; filename?: string | undefined },
) {
  const kind = MEDIA_LIMITS[file.mimeType];
  if (!kind) throw unprocessable("media_type_unsupported", `WhatsApp does not take ${file.mimeType} files`);
  if (file.data.length === 0) throw unprocessable("media_empty", "The file is empty");
  if (file.data.length > kind.max)
    throw unprocessable(
      "media_too_large",
      `WhatsApp takes ${file.mimeType} files up to ${kind.max >> 10} KiB`,
    );
  const conversation = await getConversation(services.database.db, tenantId, conversationId);
  const number = (await numbersByIds(services.database.db, [conversation.phoneNumberId])).get(
    conversation.phoneNumberId,
  );
  if (!number) throw unprocessable("number_not_found", "The conversation's number is gone");
  const { accessToken } = await accountToken(services, number.accountId);
  const uploaded = await services.graph
    .client(accessToken)
    .uploadMedia(number.phoneNumberId, { file: file.data, mimeType: file.mimeType, filename: file.filename });
  return { mediaId: uploaded.id, type: kind.type, mimeType: file.mimeType, filename: file.filename ?? null };
}

/** POST /v1/conversations/{id}/media: the file as the raw body, its type as Content-Type. */
export const mediaUploadRoutes: ModuleRoutes = async (app, services) => {
  await app.register(async (plugin) => {
    const scope = plugin as ZodApp;
    scope.addContentTypeParser(
      Object.keys(MEDIA_LIMITS),
      { parseAs: "buffer", bodyLimit: UPLOAD_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      "/conversations/:id/media",
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ["inbox"],
          summary:
            "Upload a file to send in this conversation (the raw file as the body, its type as Content-Type)",
          description:
            "Answers Meta's media id and the message type to send it as: POST /v1/messages with { type, [type]: { id } }. Types and sizes as WhatsApp takes them.",
          params: idParams,
          querystring: z.object({ filename: z.string().min(1).max(240).optional() }),
          response: {
            201: z.object({
              mediaId: z.string(),
              type: z.enum(["image", "video", "audio", "document", "sticker"]),
              mimeType: z.string(),
              filename: z.string().nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { tenant } = requireRole(request, "tenant_admin", "agent");
        const mimeType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const uploaded = await uploadConversationMedia(services, tenant.id, request.params.id, {
          data,
          mimeType,
          filename: request.query.filename,
        });
        return reply.code(201).send(uploaded);
      },
    );
  });
};
