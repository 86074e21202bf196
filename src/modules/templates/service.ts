import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { AppError, conflict, notFound, unprocessable } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import type { Actor } from "../accounts/index.ts";
import { accountToken, tenantAccount } from "../numbers/index.ts";
import { recordTemplateChange, type TemplateRow } from "./history.ts";
import { type PolicyFinding, reviewPolicy } from "./policy.ts";
import { validateTemplate } from "./rules.ts";
import { type TemplateStatus, templates } from "./schema.ts";
import { type TemplateSettings, templateSettings } from "./settings.ts";
import { findTemplate, getTemplate } from "./template-queries.ts";

import { approveTemplate, metaUnavailable } from "./template-review.ts";
import type { TemplateDefinition } from "./types.ts";

export * from "./template-queries.ts";
export * from "./template-review.ts";

type TemplateServices = Pick<Services, "database" | "secrets" | "graph" | "boss" | "config">;

/** Statuses an author may edit: nothing of it is live at Meta (a rejected one is resubmitted). */
export const EDITABLE: readonly TemplateStatus[] = ["draft", "in_review", "policy_rejected", "rejected"];
/** Statuses a platform admin may approve: waiting for review, or overriding the automatic policy. */

export async function resolveAccount(
  db: Executor,
  tenantId: string,
  input: { accountId?: string | undefined; wabaId?: string | undefined },
) {
  const account = await tenantAccount(db, tenantId, input);
  if (account) return account;
  if (input.accountId || input.wabaId) throw notFound("WhatsApp account", "whatsapp_account_not_found");
  throw unprocessable("no_whatsapp_account", "Connect a WhatsApp Business Account before writing templates");
}

export function validated(definition: unknown): TemplateDefinition {
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

export function review(definition: TemplateDefinition, draft: boolean, settings: TemplateSettings): Review {
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

export function duplicate(definition: TemplateDefinition, id?: string) {
  return conflict(
    "template_exists",
    `A template "${definition.name}" in ${definition.language} exists for this account; edit it or use another name or language`,
    id ? { templateId: id } : {},
  );
}

export function policySummary(findings: PolicyFinding[]) {
  return {
    findings: findings.length,
    blocking: findings.filter((finding) => finding.severity === "block").map((finding) => finding.rule),
  };
}

/** Auto-approval: submitted by the system; a failure leaves the template in the review queue. */
export async function autoApprove(services: TemplateServices, row: TemplateRow): Promise<TemplateRow> {
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
export async function deleteAtMeta(
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
