import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { AppError } from "../../lib/problem.ts";
import type { ContactImport } from "./import-run.ts";
import { startImport } from "./import-service.ts";
import { errorFile, getImport, listImports, storeUpload } from "./import-store.ts";
import { columnMappingSchema, importOptionsSchema } from "./import-types.ts";

const writers = ["tenant_admin", "developer"] as const;
const CSV_TYPES = ["text/csv", "application/csv", "application/octet-stream", "text/plain"];

const importView = ({ tenantId: _tenant, ...job }: ContactImport) => job;
const importOut = z.looseObject({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(["uploaded", "running", "completed", "failed"]),
  columns: z.array(z.string()),
  byteSize: z.number().int(),
  bytesDone: z.number().int(),
  rowsDone: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  mapping: columnMappingSchema.nullable(),
});
const idParams = z.object({ id: z.uuid() });

export const importRoutes: ModuleRoutes = async (app, services) => {
  const { db } = services.database;
  await app.register(async (scope: ZodApp) => {
    // The body stays a stream: the handler reads the file as it arrives, never whole.
    scope.addContentTypeParser(CSV_TYPES, (_request, _payload, done) => done(null, undefined));
    scope.post(
      "/imports",
      {
        schema: {
          tags: ["audiences"],
          summary:
            "Upload a contacts CSV (the raw file as the body, text/csv); answers its columns and first rows for the mapping",
          querystring: z.object({ fileName: z.string().trim().min(1).max(200).default("contacts.csv") }),
          response: { 201: importOut.extend({ sample: z.array(z.array(z.string())) }) },
        },
      },
      async (request, reply) => {
        const { tenant } = requireRole(request, ...writers);
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        if (!CSV_TYPES.includes(type))
          throw new AppError(
            415,
            "unsupported_media_type",
            "Send the CSV file itself as the body (Content-Type: text/csv)",
          );
        const stored = await storeUpload(db, tenant.id, request.query.fileName, request.raw);
        return reply.code(201).send({ ...importView(stored), sample: stored.sample });
      },
    );
  });
  app.post(
    "/imports/:id/start",
    {
      schema: {
        tags: ["audiences"],
        summary: "Map the columns and start the import (a failed one resumes where it stopped)",
        params: idParams,
        body: importOptionsSchema,
        response: { 202: importOut },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...writers);
      const job = await startImport(
        services,
        principal.tenant.id,
        principal.actor,
        request.params.id,
        request.body,
      );
      return reply.code(202).send(importView(job));
    },
  );
  app.get(
    "/imports",
    {
      schema: {
        tags: ["audiences"],
        summary: "The tenant's imports, newest first",
        response: { 200: z.object({ data: z.array(importOut) }) },
      },
    },
    async (request) => ({ data: (await listImports(db, principalOf(request).tenant.id)).map(importView) }),
  );
  app.get(
    "/imports/:id",
    {
      schema: {
        tags: ["audiences"],
        summary: "An import and its progress",
        params: idParams,
        response: { 200: importOut },
      },
    },
    async (request) => importView(await getImport(db, principalOf(request).tenant.id, request.params.id)),
  );
  app.get(
    "/imports/:id/errors.csv",
    {
      schema: {
        tags: ["audiences"],
        summary: "The refused rows as CSV: line, reason, then the row as read",
        params: idParams,
      },
    },
    async (request, reply) => {
      const job = await getImport(db, principalOf(request).tenant.id, request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="import-${job.id}-errors.csv"`)
        .send(errorFile(db, job));
    },
  );
};
