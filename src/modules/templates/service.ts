import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { decodeCursor, paginate } from "../../lib/cursor.ts";
import { AppError, conflict, notFound, unprocessable } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import type { TemplateDefinition as WireDefinition } from "../../whatsapp/types.ts";
import { type Actor, actorLabel, tenantSummaries } from "../accounts/index.ts";
import { accountToken, tenantAccount } from "../numbers/index.ts";
import { recordTemplateChange, type TemplateRow, templateHistory } from "./history.ts";
import { metaMayMove, statusFromMeta } from "./meta.ts";
import { type PolicyFinding, reviewPolicy } from "./policy.ts";
import { renderTemplate } from "./render.ts";
import { validateTemplate } from "./rules.ts";
import { type TemplateStatus, templates } from "./schema.ts";
import { type TemplateSettings, templateSettings } from "./settings.ts";
import type { TemplateDefinition } from "./types.ts";

type TemplateServices = Pick<Services, "database" | "secrets" | "graph" | "boss" | "config">;

/** Statuses an author may edit: nothing of it is live at Meta (a rejected one is resubmitted). */
export const EDITABLE: readonly TemplateStatus[] = ["draft", "in_review", "policy_rejected", "rejected"];
/** Statuses a platform admin may approve: waiting for review, or overriding the automatic policy. */
const APPROVABLE: readonly TemplateStatus[] = ["in_review", "policy_rejected"];

async function resolveAccount(
  db: Executor,
  tenantId: string,
  input: { accountId?: string | undefined; wabaId?: string | undefined },
) {
  const account = await tenantAccount(db, tenantId, input);
  if (account) return account;
  if (input.accountId || input.wabaId) throw notFound("WhatsApp account", "whatsapp_account_not_found");
  throw unprocessable("no_whatsapp_account", "Connect a WhatsApp Business Account before writing templates");
}

function validated(definition: unknown): TemplateDefinition {
  const result = validateTemplate(definition);
  if (!result.ok) {
    throw unprocessable("template_invalid", "The template definition breaks WhatsApp's template rules", {
      errors: result.errors,
    });
  }
  return result.template;
}

/** The platform review's outcome for a valid definition. */
interface Review {
  status: "draft" | "in_review" | "policy_rejected";
  findings: PolicyFinding[];
  reason: string | null;
  /** No finding at all and auto-approval is on: submit to Meta at once. */
  autoApprove: boolean;
}

function review(definition: TemplateDefinition, draft: boolean, settings: TemplateSettings): Review {
  const { findings } = reviewPolicy(definition, settings.policy);
  const blocking = findings.filter((finding) => finding.severity === "block");
  if (draft) return { status: "draft", findings, reason: null, autoApprove: false };
  if (blocking.length > 0) {
    return {
      status: "policy_rejected",
      findings,
      reason: `Platform policy: ${blocking.map((finding) => finding.message).join(" ")}`,
      autoApprove: false,
    };
  }
  return {
    status: "in_review",
    findings,
    reason: null,
    autoApprove: settings.autoApproveClean && findings.length === 0,
  };
}

export interface CreateTemplateInput {
  accountId?: string | undefined;
  wabaId?: string | undefined;
  /** Keep it as a draft: validated and checked, but not sent to review. */
  draft?: boolean | undefined;
  definition: Record<string, unknown>;
}

/**
 * Creates a template: Meta's rules (422 with per-field errors), one row per name and language (409),
 * then the platform policy review at once: block findings reject it (policy_rejected), otherwise it
 * waits for a platform admin (in_review), or goes straight to Meta when clean and auto-approval is on.
 */
export async function createTemplate(
  services: TemplateServices,
  tenantId: string,
  input: CreateTemplateInput,
  actor: Actor,
): Promise<TemplateRow> {
  const { db } = services.database;
  const account = await resolveAccount(db, tenantId, input);
  const definition = validated(input.definition);
  const settings = templateSettings(services.config);
  const outcome = review(definition, input.draft ?? false, settings);
  const [existing] = await db
    .select({ id: templates.id })
    .from(templates)
    .where(
      and(
        eq(templates.accountId, account.id),
        eq(templates.name, definition.name),
        eq(templates.language, definition.language),
      ),
    );
  if (existing) throw duplicate(definition, existing.id);
  let row: TemplateRow;
  try {
    row = await db.transaction(async (tx) => {
      const now = new Date();
      const [created] = await tx
        .insert(templates)
        .values({
          tenantId,
          accountId: account.id,
          name: definition.name,
          language: definition.language,
          category: definition.category,
          definition: definition as unknown as Record<string, unknown>,
          status: outcome.status,
          statusReason: outcome.reason,
          policyFindings: outcome.findings,
          reviewRequestedAt: outcome.status === "in_review" ? now : null,
          ...(outcome.status === "policy_rejected" ? { reviewedAt: now, reviewedBy: "system" } : {}),
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordTemplateChange(tx, services, created, {
        action: "template.created",
        actor,
        source: outcome.status === "policy_rejected" ? "policy" : "author",
        from: null,
        reason: outcome.reason,
        data: policySummary(outcome.findings),
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(definition);
    throw error;
  }
  return outcome.autoApprove ? autoApprove(services, row) : row;
}

function duplicate(definition: TemplateDefinition, id?: string) {
  return conflict(
    "template_exists",
    `A template "${definition.name}" in ${definition.language} exists for this account; edit it or use another name or language`,
    id ? { templateId: id } : {},
  );
}

function policySummary(findings: PolicyFinding[]) {
  return {
    findings: findings.length,
    blocking: findings.filter((finding) => finding.severity === "block").map((finding) => finding.rule),
  };
}

/** Auto-approval: submitted by the system; a failure leaves the template in the review queue. */
async function autoApprove(services: TemplateServices, row: TemplateRow): Promise<TemplateRow> {
  try {
    return await approveTemplate(services, row.id, { kind: "system" }, { auto: true });
  } catch (error) {
    if (error instanceof AppError) return (await findTemplate(services.database.db, row.id)) ?? row;
    throw error;
  }
}

export interface UpdateTemplateInput {
  draft?: boolean | undefined;
  /** Definition fields to replace (name and language are the template's identity and stay). */
  changes: Record<string, unknown>;
}

/** Edits a template not live at Meta: re-validated and re-reviewed (back to in_review, or draft). */
export async function updateTemplate(
  services: TemplateServices,
  tenantId: string,
  id: string,
  input: UpdateTemplateInput,
  actor: Actor,
): Promise<TemplateRow> {
  const current = await getTemplate(services.database.db, tenantId, id);
  if (!EDITABLE.includes(current.status)) {
    throw conflict(
      "template_not_editable",
      `Template "${current.name}" is ${current.status}; only ${EDITABLE.join(", ")} templates can be edited (create a new name or language instead)`,
      { templateStatus: current.status },
    );
  }
  for (const key of ["name", "language"] as const) {
    if (key in input.changes && input.changes[key] !== current[key]) {
      throw unprocessable(
        "template_identity_immutable",
        `The ${key} of a template cannot change; create a new template instead`,
        { errors: [{ path: key, code: "immutable", message: `${key} cannot change` }] },
      );
    }
  }
  const definition = validated({ ...current.definition, ...input.changes });
  const settings = templateSettings(services.config);
  const outcome = review(definition, input.draft ?? false, settings);
  const row = await services.database.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(templates).where(eq(templates.id, id)).for("update");
    if (!locked || !EDITABLE.includes(locked.status)) {
      throw conflict("template_not_editable", "The template changed status meanwhile; read it again");
    }
    const now = new Date();
    const [updated] = await tx
      .update(templates)
      .set({
        definition: definition as unknown as Record<string, unknown>,
        category: definition.category,
        status: outcome.status,
        statusReason: outcome.reason,
        policyFindings: outcome.findings,
        reviewRequestedAt: outcome.status === "in_review" ? now : null,
        reviewedAt: outcome.status === "policy_rejected" ? now : null,
        reviewedBy: outcome.status === "policy_rejected" ? "system" : null,
        updatedAt: now,
      })
      .where(eq(templates.id, id))
      .returning();
    if (!updated) throw notFound("Template", "template_not_found");
    await recordTemplateChange(tx, services, updated, {
      action: "template.updated",
      actor,
      source: outcome.status === "policy_rejected" ? "policy" : "author",
      from: locked.status,
      reason: outcome.reason,
      data: { ...policySummary(outcome.findings), fields: Object.keys(input.changes) },
    });
    return updated;
  });
  return outcome.autoApprove ? autoApprove(services, row) : row;
}

/** Deletes a template; one submitted to Meta is deleted there first (already gone there is fine). */
export async function deleteTemplate(
  services: TemplateServices,
  tenantId: string,
  id: string,
  actor: Actor,
): Promise<void> {
  const row = await getTemplate(services.database.db, tenantId, id);
  let deletedAtMeta = false;
  if (row.metaTemplateId) {
    const { account, accessToken } = await accountToken(services, row.accountId);
    deletedAtMeta = await deleteAtMeta(services, account.wabaId, accessToken, row);
  }
  await services.database.db.transaction(async (tx) => {
    await recordTemplateChange(tx, services, row, {
      action: "template.deleted",
      actor,
      source: "author",
      from: row.status,
      data: { metaTemplateId: row.metaTemplateId, deletedAtMeta },
    });
    await tx.delete(templates).where(eq(templates.id, id));
  });
}

/** True when Meta deleted it, false when Meta did not have it; other errors are 502. */
async function deleteAtMeta(
  services: TemplateServices,
  wabaId: string,
  accessToken: string,
  row: TemplateRow,
): Promise<boolean> {
  try {
    await services.graph
      .client(accessToken)
      .deleteTemplate(wabaId, row.name, row.metaTemplateId ? { hsmId: row.metaTemplateId } : undefined);
    return true;
  } catch (error) {
    if (error instanceof WhatsAppApiError && error.code === 100 && error.subcode === 2593002) return false;
    throw metaUnavailable(error);
  }
}

/**
 * A template Meta already holds (it rejected it, the author fixed it) is edited there: deleting
 * and creating again would cost the name (Meta keeps a deleted name for 30 days). Otherwise, or
 * when Meta no longer has it, it is created.
 */
async function submitToMeta(
  client: ReturnType<Services["graph"]["client"]>,
  wabaId: string,
  row: TemplateRow,
): Promise<{ id: string; status: string; category?: TemplateRow["category"] | undefined }> {
  const definition = row.definition as unknown as WireDefinition;
  if (row.metaTemplateId) {
    try {
      await client.editTemplate(row.metaTemplateId, {
        category: definition.category,
        components: definition.components,
        ...(definition.parameter_format ? { parameter_format: definition.parameter_format } : {}),
      });
      return { id: row.metaTemplateId, status: "PENDING" };
    } catch (error) {
      const gone = error instanceof WhatsAppApiError && error.code === 100 && error.subcode === 33;
      if (!gone) throw error;
    }
  }
  return client.createTemplate(wabaId, definition);
}

function metaUnavailable(error: unknown) {
  return new AppError(
    502,
    "meta_unavailable",
    `WhatsApp did not answer as expected: ${(error as Error).message}`,
    {
      ...(error instanceof WhatsAppApiError ? { metaCode: error.code } : {}),
    },
  );
}

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
export async function approveTemplate(
  services: TemplateServices,
  id: string,
  actor: Actor,
  options: { note?: string | undefined; auto?: boolean } = {},
): Promise<TemplateRow> {
  const row = await findTemplate(services.database.db, id);
  if (!row) throw notFound("Template", "template_not_found");
  const allowed = options.auto ? (["in_review"] as const) : APPROVABLE;
  if (!(allowed as readonly TemplateStatus[]).includes(row.status)) {
    throw conflict(
      "template_not_reviewable",
      `Template "${row.name}" is ${row.status}, not waiting for review`,
      {
        templateStatus: row.status,
      },
    );
  }
  const { account, accessToken } = await accountToken(services, row.accountId);
  const reviewed = {
    action: "template.approved",
    actor,
    source: "admin" as const,
    from: row.status,
    reason: options.note ?? null,
  };
  const base = {
    note: options.note ?? null,
    auto: options.auto ?? false,
    ...(row.status === "policy_rejected" ? { overridesPolicy: true } : {}),
  };
  let answer: { id: string; status: string; category?: TemplateRow["category"] | undefined };
  try {
    answer = await submitToMeta(services.graph.client(accessToken), account.wabaId, row);
  } catch (error) {
    if (!(error instanceof WhatsAppApiError) || error.retryable) throw metaUnavailable(error);
    const reason = `Meta refused the submission: ${error.details ?? error.message}`;
    await services.database.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(templates).where(eq(templates.id, id)).for("update");
      if (!locked || !(allowed as readonly TemplateStatus[]).includes(locked.status)) return;
      const now = new Date();
      const [updated] = await tx
        .update(templates)
        .set({
          status: "rejected",
          statusReason: reason,
          metaTemplateId: null,
          metaStatus: null,
          reviewedAt: now,
          reviewedBy: actorLabel(actor),
          submittedAt: now,
          updatedAt: now,
        })
        .where(eq(templates.id, id))
        .returning();
      if (updated)
        await recordTemplateChange(tx, services, updated, {
          ...reviewed,
          source: "meta_submit",
          reason,
          data: { ...base, metaCode: error.code, metaSubcode: error.subcode ?? null },
        });
    });
    throw unprocessable("meta_submission_refused", reason, {
      templateStatus: "rejected",
      metaCode: error.code,
    });
  }
  return services.database.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(templates).where(eq(templates.id, id)).for("update");
    if (!locked) throw notFound("Template", "template_not_found");
    const answered = statusFromMeta(answer.status) ?? "pending";
    // Meta's webhook may have outrun this write: never move back from what Meta said since.
    const reviewable = (allowed as readonly TemplateStatus[]).includes(locked.status);
    const status = reviewable ? answered : metaMayMove(locked.status, answered) ? answered : locked.status;
    const now = new Date();
    const [updated] = await tx
      .update(templates)
      .set({
        status,
        statusReason: status === "approved" || status === "pending" ? null : locked.statusReason,
        metaTemplateId: answer.id,
        metaStatus: reviewable ? answer.status : (locked.metaStatus ?? answer.status),
        ...(reviewable ? { metaStatusAt: now } : {}),
        category: answer.category ?? locked.category,
        reviewedAt: now,
        reviewedBy: actorLabel(actor),
        submittedAt: now,
        updatedAt: now,
      })
      .where(eq(templates.id, id))
      .returning();
    if (!updated) throw notFound("Template", "template_not_found");
    await recordTemplateChange(tx, services, updated, {
      ...reviewed,
      from: locked.status,
      data: { ...base, metaTemplateId: answer.id, metaStatus: answer.status },
    });
    return updated;
  });
}

/** A platform admin rejects a template waiting for review: policy_rejected with the reason. */
export async function rejectTemplate(
  services: TemplateServices,
  id: string,
  reason: string,
  actor: Actor,
): Promise<TemplateRow> {
  return services.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(templates).where(eq(templates.id, id)).for("update");
    if (!row) throw notFound("Template", "template_not_found");
    if (row.status !== "in_review") {
      throw conflict(
        "template_not_reviewable",
        `Template "${row.name}" is ${row.status}, not waiting for review`,
        {
          templateStatus: row.status,
        },
      );
    }
    const now = new Date();
    const [updated] = await tx
      .update(templates)
      .set({
        status: "policy_rejected",
        statusReason: reason,
        reviewedAt: now,
        reviewedBy: actorLabel(actor),
        updatedAt: now,
      })
      .where(eq(templates.id, id))
      .returning();
    if (!updated) throw notFound("Template", "template_not_found");
    await recordTemplateChange(tx, services, updated, {
      action: "template.rejected",
      actor,
      source: "admin",
      from: row.status,
      reason,
    });
    return updated;
  });
}

/** Renders a template with parameters: the Cloud API message and a plain-text preview, or 422. */
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
