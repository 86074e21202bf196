/** Message templates: list, create and delete per WABA, and edit by template id (POST /{template-id}). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TemplateCategory, TemplateDefinition } from "../../whatsapp/types.ts";
import type { EmulatorContext } from "../context.ts";
import { fieldsOf } from "../fields.ts";
import { GraphError, invalidParam, unknownObject } from "../graph-error.ts";
import { graph, idParam } from "../http.ts";
import { startPacing } from "../rules/pacing.ts";
import type { TemplateState } from "../state.ts";
import { checkComponents, publicTemplate, reviewTemplate } from "../templates.ts";
import { graphParams } from "../transport.ts";
import { setTwoStepPin } from "./phone-numbers.ts";

/** The WABA id of a `/{waba-id}/message_templates` route (unknown: GraphMethodException). */
function wabaOf(ctx: EmulatorContext, req: FastifyRequest): string {
  const id = idParam(req);
  if (!ctx.state.wabas.has(id)) throw unknownObject(id);
  return id;
}

/** A page of the WABA's templates, filtered as Graph filters, with cursor paging. */
function listTemplates(ctx: EmulatorContext, req: FastifyRequest) {
  const id = wabaOf(ctx, req);
  const q = graphParams(req) as Record<string, string | undefined>;
  let list = [...ctx.state.templates.values()].filter((t) => t.wabaId === id);
  if (q.name) list = list.filter((t) => t.name.includes(q.name ?? ""));
  if (q.status) list = list.filter((t) => t.status === q.status?.toUpperCase());
  if (q.category) list = list.filter((t) => t.category === q.category?.toUpperCase());
  if (q.language) list = list.filter((t) => t.language === q.language);
  const limit = Math.max(1, Math.min(Number(q.limit ?? 25) || 25, 1000));
  let start = 0;
  if (q.after) start = Number(Buffer.from(q.after, "base64url").toString()) || 0;
  const page = list.slice(start, start + limit);
  const fields = fieldsOf(q);
  const paging: Record<string, unknown> = {
    cursors: {
      before: Buffer.from(String(start)).toString("base64url"),
      after: Buffer.from(String(start + page.length)).toString("base64url"),
    },
  };
  if (start + page.length < list.length) {
    paging.next = `${ctx.baseUrl}${req.url.split("?")[0]}?limit=${limit}&after=${Buffer.from(String(start + page.length)).toString("base64url")}`;
  }
  return { data: page.map((t) => publicTemplate(t, fields)), paging };
}

/** Creates a template (PENDING, then reviewed). */
function createTemplate(ctx: EmulatorContext, req: FastifyRequest) {
  const id = wabaOf(ctx, req);
  const b = graphParams(req) as Partial<TemplateDefinition>;
  if (typeof b.name !== "string" || !/^[a-z0-9_]{1,512}$/.test(b.name)) {
    throw new GraphError(100, {
      subcode: 2388042,
      details: "Template name can only contain lowercase alphanumeric characters and underscores",
    });
  }
  if (typeof b.language !== "string" || b.language.length < 2)
    throw invalidParam("The parameter language is required.");
  const categories: TemplateCategory[] = ["MARKETING", "UTILITY", "AUTHENTICATION"];
  if (!categories.includes(b.category as TemplateCategory)) {
    throw invalidParam("Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}");
  }
  checkComponents(b.components);
  const dup = [...ctx.state.templates.values()].find(
    (t) => t.wabaId === id && t.name === b.name && t.language === b.language,
  );
  if (dup) {
    throw new GraphError(100, {
      subcode: 2388024,
      message: "(#100) Invalid parameter",
      details: `Content in this language already exists: ${b.name} (${b.language})`,
    });
  }
  const tplId = ctx.state.nextNumericId("9");
  const t: TemplateState = {
    id: tplId,
    wabaId: id,
    name: b.name,
    language: b.language,
    category: b.category as TemplateCategory,
    components: b.components,
    status: "PENDING",
    createdAt: Date.now(),
    ...(b.parameter_format ? { parameter_format: b.parameter_format } : {}),
  };
  startPacing(ctx, t);
  ctx.state.templates.set(tplId, t);
  reviewTemplate(ctx, t);
  return { id: tplId, status: "PENDING", category: t.category };
}

/** Deletes a template by name (every language) or by name and hsm_id. */
function deleteTemplates(ctx: EmulatorContext, req: FastifyRequest) {
  const id = wabaOf(ctx, req);
  const q = graphParams(req) as { name?: string; hsm_id?: string };
  if (!q.name) throw new GraphError(131008, { details: "The parameter name is required." });
  const matches = [...ctx.state.templates.values()].filter(
    (t) => t.wabaId === id && t.name === q.name && (!q.hsm_id || t.id === q.hsm_id),
  );
  if (matches.length === 0) {
    throw new GraphError(100, { subcode: 2593002, details: `Message template "${q.name}" not found` });
  }
  for (const t of matches) ctx.state.templates.delete(t.id);
  return { success: true };
}

/** Editing a template (POST /{template-id}): Meta's rules on what may change and how often. */
function editTemplate(ctx: EmulatorContext, req: FastifyRequest) {
  const id = idParam(req);
  const t = ctx.state.templates.get(id);
  if (!t) throw unknownObject(id);
  const b = graphParams(req) as Partial<TemplateDefinition>;
  if (!["APPROVED", "REJECTED", "PAUSED"].includes(t.status)) {
    throw new GraphError(100, {
      subcode: 2593107,
      details: "Only templates with status APPROVED, REJECTED or PAUSED can be edited",
    });
  }
  if (b.category !== undefined && b.category !== t.category && t.status === "APPROVED") {
    throw new GraphError(100, {
      subcode: 2593108,
      details: "The category of an approved template cannot be edited",
    });
  }
  if (b.components !== undefined) checkComponents(b.components);
  if (t.status === "APPROVED") {
    const now = Date.now();
    const edits = (t.approvedEdits ?? []).filter((at) => now - at < 30 * 86_400_000);
    if (edits.some((at) => now - at < 86_400_000) || edits.length >= 10) {
      throw new GraphError(100, {
        subcode: 2593109,
        details: "An approved template can be edited once in 24 hours and ten times in 30 days",
      });
    }
    t.approvedEdits = [...edits, now];
  }
  if (b.components) t.components = b.components;
  if (b.category) t.category = b.category as TemplateCategory;
  if (b.parameter_format) t.parameter_format = b.parameter_format;
  // An edit goes back to review.
  t.status = "PENDING";
  delete t.rejected_reason;
  reviewTemplate(ctx, t);
  return { success: true };
}

export function registerTemplateRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(
    "/:version/:id/message_templates",
    graph(ctx, (req) => listTemplates(ctx, req)),
  );
  app.post(
    "/:version/:id/message_templates",
    graph(ctx, (req) => createTemplate(ctx, req)),
  );
  app.delete(
    "/:version/:id/message_templates",
    graph(ctx, (req) => deleteTemplates(ctx, req)),
  );
  // POST /{id}: a template's edit, or a phone number's two-step verification PIN.
  app.post(
    "/:version/:id",
    graph(ctx, (req) =>
      ctx.state.phones.has(idParam(req)) ? setTwoStepPin(ctx, req) : editTemplate(ctx, req),
    ),
  );
}
