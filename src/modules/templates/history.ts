import { asc, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import { type Actor, actorLabel, recordAudit } from "../accounts/index.ts";
import {
  type TemplateChangeSource,
  type TemplateStatus,
  templateStatusHistory,
  type templates,
} from "./schema.ts";

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateHistoryRow = typeof templateStatusHistory.$inferSelect;

/** Meta itself, for history rows of changes Meta made (the audit log records them as "system"). */
export const META: Actor = { kind: "system" };

export interface TemplateChange {
  /** Audit action, e.g. "template.approved". */
  action: string;
  actor: Actor;
  source: TemplateChangeSource;
  /** Null when the template is being created. */
  from: TemplateStatus | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** The customer event payload of a template. */
export function templateEventData(row: TemplateRow, previousStatus: TemplateStatus | null) {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    previousStatus,
    reason: row.statusReason,
    metaTemplateId: row.metaTemplateId,
    metaStatus: row.metaStatus,
    qualityScore: row.qualityScore,
  };
}

/**
 * Records what happened to a template (already written by the caller, in the same transaction):
 * an audit log entry always, a status history row and a `template.status_updated` customer
 * event when the status changed (or the template was created).
 */
export async function recordTemplateChange(
  tx: Executor,
  services: Pick<Services, "boss">,
  row: TemplateRow,
  change: TemplateChange,
): Promise<void> {
  const changed = change.from !== row.status;
  const actor = change.source.startsWith("meta_") ? "meta" : actorLabel(change.actor);
  if (changed) {
    await tx.insert(templateStatusHistory).values({
      tenantId: row.tenantId,
      templateId: row.id,
      fromStatus: change.from,
      toStatus: row.status,
      reason: change.reason ?? null,
      actor,
      source: change.source,
      data: change.data ?? null,
      // The JS clock, not now(): several changes in one transaction keep their order.
      at: new Date(),
    });
  }
  await recordAudit(tx, change.actor, {
    tenantId: row.tenantId,
    action: change.action,
    targetType: "template",
    targetId: row.id,
    data: {
      name: row.name,
      language: row.language,
      from: change.from,
      to: row.status,
      source: change.source,
      ...(change.reason ? { reason: change.reason } : {}),
      ...change.data,
    },
  });
  if (changed && change.from !== null) {
    await emit(
      { boss: services.boss, tx },
      {
        tenantId: row.tenantId,
        type: "template.status_updated",
        data: templateEventData(row, change.from),
      },
    );
  }
}

export async function templateHistory(db: Executor, templateId: string): Promise<TemplateHistoryRow[]> {
  return db
    .select()
    .from(templateStatusHistory)
    .where(eq(templateStatusHistory.templateId, templateId))
    .orderBy(asc(templateStatusHistory.at), asc(templateStatusHistory.id));
}
