import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { badRequest } from "../../lib/problem.ts";
import { addStageNote } from "./admin.ts";
import { checkDisplayName } from "./display-name.ts";
import { activationStageKeys } from "./schema.ts";
import {
  activationFeed,
  activationView,
  approvePartnerRequest,
  BUSINESS_MANAGER_ID,
  DOCUMENT_KINDS,
  startActivation,
  submitDisplayName,
  submitVerification,
  uploadDocument,
} from "./service.ts";

const tags = ["activation"];
const language = z.object({ lang: z.enum(["en", "es", "pt"]).default("en") });
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const activationRoutes: ModuleRoutes = (app, services) => {
  app.post(
    "/activation",
    {
      schema: {
        tags,
        summary: "Start the account activation: company data and the Business Manager ID",
        body: z.object({
          company: z.object({
            legalName: z.string().trim().min(2).max(200),
            website: z.url().max(2048),
            country: z.string().regex(/^[A-Z]{2}$/, "ISO 3166 alpha-2 country code"),
            address: z.string().trim().min(5).max(500),
            contactPhone: z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164 phone number"),
            contactEmail: z.email().max(320),
          }),
          businessManagerId: z
            .string()
            .max(40)
            .describe(`Meta's business portfolio id (${BUSINESS_MANAGER_ID.source})`),
          businessVerified: z.boolean().optional(),
        }),
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      await startActivation(services, tenant.id, request.body, actor);
      return reply.code(201).send(await activationView(services.database.db, tenant.id));
    },
  );

  app.get(
    "/activation",
    {
      schema: {
        tags,
        summary: "The activation tracker: stages, owners, SLA, next action (en, es, pt)",
        querystring: language,
      },
    },
    async (request) =>
      activationView(services.database.db, principalOf(request).tenant.id, request.query.lang),
  );

  app.get(
    "/activation/feed",
    { schema: { tags, summary: "The tenant's activation notifications, newest first" } },
    async (request) => ({ data: await activationFeed(services.database.db, principalOf(request).tenant.id) }),
  );

  app.post(
    "/activation/documents",
    {
      bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.4) + 4096,
      schema: {
        tags,
        summary: "Upload a business verification document (base64, up to 5 MB)",
        body: z.object({
          kind: z.enum(DOCUMENT_KINDS),
          filename: z.string().trim().min(1).max(255),
          mimeType: z.enum(["application/pdf", "image/jpeg", "image/png"]),
          contentBase64: z.base64().max(Math.ceil(MAX_DOCUMENT_BYTES * 1.34) + 4),
        }),
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, "tenant_admin");
      const content = Buffer.from(request.body.contentBase64, "base64");
      if (content.length === 0) throw badRequest("document_empty", "The document is empty");
      if (content.length > MAX_DOCUMENT_BYTES)
        throw badRequest("document_too_large", "Documents are up to 5 MB");
      return reply.code(201).send(await uploadDocument(services, tenant.id, { ...request.body, content }));
    },
  );

  app.post(
    "/activation/verification",
    {
      schema: {
        tags,
        summary: "Submit the business verification (documents, website and domain, contact phone)",
        body: z.object({ domainVerified: z.boolean() }),
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return submitVerification(services, tenant.id, request.body, actor);
    },
  );

  app.post(
    "/activation/partner-request/approve",
    { schema: { tags, summary: "Confirm the partner request was approved in the Business Manager" } },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return approvePartnerRequest(services, tenant.id, actor);
    },
  );

  app.post(
    "/activation/display-name",
    {
      schema: {
        tags,
        summary: "Submit the display name to WhatsApp's review (pre-checked against Meta's rules)",
        body: z.object({ displayName: z.string().max(200) }),
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return submitDisplayName(services, tenant.id, request.body.displayName, actor);
    },
  );

  app.post(
    "/display-names/check",
    {
      schema: {
        tags,
        summary: "Pre-check a display name against Meta's display-name rules; each finding explained",
        body: z.object({
          displayName: z.string().max(200),
          legalName: z.string().max(200).optional(),
          website: z.string().max(2048).optional(),
        }),
      },
    },
    async (request) => checkDisplayName(request.body.displayName, request.body),
  );

  app.post(
    "/activation/stages/:stage/notes",
    {
      schema: {
        tags,
        summary: "Add a note to a stage of the tenant's activation",
        params: z.object({ stage: z.enum(activationStageKeys) }),
        body: z.object({ text: z.string().trim().min(1).max(2000) }),
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      const stage = await addStageNote(
        services.database.db,
        { tenantId: tenant.id },
        request.params.stage,
        request.body.text,
        actor,
      );
      return reply.code(201).send(stage);
    },
  );
};
