/** Reading templates: one, with history, lists, the platform review queue, previews. */
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { decodeCursor, paginate } from "../../lib/cursor.ts";
import { notFound, unprocessable } from "../../lib/problem.ts";
import { tenantSummaries } from "../accounts/index.ts";
import { type TemplateRow, templateHistory } from "./history.ts";
import { renderTemplate } from "./render.ts";
import { type TemplateStatus, templates } from "./schema.ts";
import type { TemplateDefinition } from "./types.ts";

export async function findTemplate(db: Executor, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(templates).where(eq(templates.id, id));
  return row;
}

/** A template of the tenant; other tenants' templates are not found. */
export async function getTemplate(db: Executor, tenantId: string, id: string): Promise<TemplateRow> {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.tenantId, tenantId), eq(templates.id, id)));
  if (!row) throw notFound("Template", "template_not_found");
  return row;
}

export async function getTemplateWithHistory(db: Executor, tenantId: string | null, id: string) {
  const row = tenantId ? await getTemplate(db, tenantId, id) : await findTemplate(db, id);
  if (!row) throw notFound("Template", "template_not_found");
  return { ...row, history: await templateHistory(db, row.id) };
}

/**
 * Cursor = createdAt|id of the last row seen, base64url. PostgreSQL keeps microseconds and a JS Date
 * milliseconds, so pages order and compare on the time truncated to milliseconds.
 */
const createdMs = sql`date_trunc('milliseconds', ${templates.createdAt})`;
const reviewMs = sql`date_trunc('milliseconds', ${templates.reviewRequestedAt})`;

export interface ListTemplatesQuery {
  status?: TemplateStatus | undefined;
  name?: string | undefined;
  language?: string | undefined;
  category?: "MARKETING" | "UTILITY" | "AUTHENTICATION" | undefined;
  accountId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The tenant's templates, newest first. */
export async function listTemplates(db: Executor, tenantId: string, query: ListTemplatesQuery) {
  let after: SQL | undefined;
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    const ts = sql`${at.toISOString()}::timestamptz`;
    after = or(sql`${createdMs} < ${ts}`, and(sql`${createdMs} = ${ts}`, lt(templates.id, id)));
  }
  const rows = await db
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.tenantId, tenantId),
        query.status ? eq(templates.status, query.status) : undefined,
        query.name ? eq(templates.name, query.name) : undefined,
        query.language ? eq(templates.language, query.language) : undefined,
        query.category ? eq(templates.category, query.category) : undefined,
        query.accountId ? eq(templates.accountId, query.accountId) : undefined,
        after,
      ),
    )
    .orderBy(desc(createdMs), desc(templates.id))
    .limit(query.limit + 1);
  return paginate(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
}

/** The platform review queue: in_review templates of every tenant, oldest request first. */
export async function reviewQueue(
  db: Executor,
  query: { tenantId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  let after: SQL | undefined;
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    const ts = sql`${at.toISOString()}::timestamptz`;
    after = or(sql`${reviewMs} > ${ts}`, and(sql`${reviewMs} = ${ts}`, gt(templates.id, id)));
  }
  const rows = await db
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.status, "in_review"),
        query.tenantId ? eq(templates.tenantId, query.tenantId) : undefined,
        after,
      ),
    )
    .orderBy(asc(reviewMs), asc(templates.id))
    .limit(query.limit + 1);
  const { data, nextCursor } = paginate(rows, query.limit, (template) => ({
    at: template.reviewRequestedAt ?? template.createdAt,
    id: template.id,
  }));
  const tenants = await tenantSummaries(
    db,
    data.map((template) => template.tenantId),
  );
  return {
    data: data.map((template) => ({ ...template, tenant: tenants.get(template.tenantId)! })),
    nextCursor,
  };
}

/**
 * A platform admin approves a template (or overrides the automatic policy rejection): it is
 * submitted to Meta with the account's token and becomes `pending` (or what Meta answered). Meta
 * refusing the submission marks it `rejected` with Meta's message (422); Meta unreachable leaves it
 * in review (502).
 */
export function previewTemplate(row: TemplateRow, parameters: unknown, to?: string) {
  const rendered = renderTemplate(row.definition as unknown as TemplateDefinition, parameters ?? {});
  if (!rendered.ok) {
    throw unprocessable("template_parameters_invalid", "The parameters do not match the template", {
      errors: rendered.errors,
    });
  }
  return {
    message: {
      messaging_product: "whatsapp" as const,
      ...(to ? { to } : {}),
      type: "template" as const,
      template: rendered.message,
    },
    preview: rendered.preview,
    sendable: row.status === "approved",
  };
}
