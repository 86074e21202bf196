import { z } from "zod";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import {
  createDocument,
  deleteDocument,
  getDocument,
  knowledgeDocumentSchema,
  listDocuments,
  searchKnowledge,
  updateDocument,
} from "./knowledge.ts";
import { speechCapabilities } from "./voice.ts";

const idParams = z.object({ id: z.uuid() });
const tags = ["bots"];

/** The knowledge base the LLM answer step reads, and which speech and language providers this server has. */
export const knowledgeRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  const admin = (request: Parameters<typeof requireRole>[0]) => requireRole(request, "tenant_admin");
  const reader = (request: Parameters<typeof requireRole>[0]) =>
    requireRole(request, "tenant_admin", "agent", "analyst");

  app.get(
    "/bots/capabilities",
    {
      schema: {
        tags,
        summary:
          "Which providers the bots can use here: transcription (OpenAI-compatible endpoint, pocketsphinx), voice synthesis (espeak-ng + ffmpeg Opus), the LLM",
      },
    },
    async (request) => {
      reader(request);
      return speechCapabilities(services.config);
    },
  );
  app.get("/bots/knowledge", { schema: { tags, summary: "Knowledge base documents" } }, async (request) => ({
    data: await listDocuments(db, reader(request).tenant.id),
  }));
  app.post(
    "/bots/knowledge",
    {
      schema: {
        tags,
        summary: "Add a document to the knowledge base (chunked and indexed for full-text search)",
        body: knowledgeDocumentSchema,
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createDocument(db, admin(request).tenant.id, request.body);
    },
  );
  app.get(
    "/bots/knowledge/search",
    {
      schema: {
        tags,
        summary: "The chunks the answer step would give the model for a question, best first",
        querystring: z.object({ q: z.string().min(1).max(1000) }),
      },
    },
    async (request) => ({ data: await searchKnowledge(db, reader(request).tenant.id, request.query.q) }),
  );
  app.get(
    "/bots/knowledge/:id",
    { schema: { tags, summary: "A knowledge base document", params: idParams } },
    async (request) => getDocument(db, reader(request).tenant.id, request.params.id),
  );
  app.patch(
    "/bots/knowledge/:id",
    {
      schema: {
        tags,
        summary: "Change a document (re-chunked and re-indexed)",
        params: idParams,
        body: knowledgeDocumentSchema.partial(),
      },
    },
    async (request) => updateDocument(db, admin(request).tenant.id, request.params.id, request.body),
  );
  app.delete(
    "/bots/knowledge/:id",
    { schema: { tags, summary: "Remove a document", params: idParams } },
    async (request, reply) => {
      await deleteDocument(db, admin(request).tenant.id, request.params.id);
      reply.code(204);
    },
  );
};
