/** The platform's review of templates: approval submits to Meta, rejection keeps it here. */
import { eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { AppError, conflict, notFound, unprocessable } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import type { TemplateDefinition as WireDefinition } from "../../whatsapp/types.ts";
import { type Actor, actorLabel } from "../accounts/index.ts";
import { accountToken } from "../numbers/index.ts";
import { recordTemplateChange, type TemplateRow } from "./history.ts";
import { metaMayMove, statusFromMeta } from "./meta.ts";
import { type TemplateStatus, templates } from "./schema.ts";
import { findTemplate } from "./template-queries.ts";

type TemplateServices = Pick<Services, "database" | "secrets" | "graph" | "boss" | "config">;
const APPROVABLE: readonly TemplateStatus[] = ["in_review", "policy_rejected"];

export async function submitToMeta(
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

export function metaUnavailable(error: unknown) {
  return new AppError(
    502,
    "meta_unavailable",
    `WhatsApp did not answer as expected: ${(error as Error).message}`,
    {
      ...(error instanceof WhatsAppApiError ? { metaCode: error.code } : {}),
    },
  );
}

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
