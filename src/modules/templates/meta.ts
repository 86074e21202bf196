/**
 * Meta's side of the template life cycle: its statuses mapped to Charla's, applied from
 * `message_template_status_update` webhooks and from polling (`listTemplates`), never backwards.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";
import { notFound } from "../../lib/problem.ts";
import type { MessageTemplate, TemplateQualityEvent, TemplateStatusEvent } from "../../whatsapp/types.ts";
import type { Actor } from "../accounts/index.ts";
import { accountIds, accountIdsByWaba, accountToken } from "../numbers/index.ts";
import { META, recordTemplateChange, type TemplateRow } from "./history.ts";
import { TEMPLATE_SYNC_QUEUE } from "./queues.ts";
import { type TemplateChangeSource, type TemplateStatus, templates } from "./schema.ts";

/** Charla's status for a Meta status or webhook event; null: nothing to change (e.g. FLAGGED). */
export function statusFromMeta(metaStatus: string): TemplateStatus | null {
  switch (metaStatus.toUpperCase()) {
    case "APPROVED":
    case "REINSTATED":
    case "UNPAUSED":
      return "approved";
    case "PENDING":
    case "IN_APPEAL":
      return "pending";
    case "REJECTED":
    case "LIMIT_EXCEEDED":
      return "rejected";
    case "PAUSED":
      return "paused";
    case "DISABLED":
    case "PENDING_DELETION":
    case "DELETED":
    case "ARCHIVED":
      return "disabled";
    default:
      return null;
  }
}

/**
 * Which statuses Meta may move a template to from each status. A template under the platform's own
 * review (draft, in_review, policy_rejected) is not moved by Meta at all: reports about it concern an
 * earlier submission. Late or repeated reports never undo a decision: PENDING never follows APPROVED,
 * REJECTED never follows APPROVED/PAUSED, nothing revives a DISABLED template.
 */
const metaMoves: Record<TemplateStatus, readonly TemplateStatus[]> = {
  draft: [],
  in_review: [],
  policy_rejected: [],
  pending: ["pending", "approved", "rejected", "paused", "disabled"],
  approved: ["approved", "paused", "disabled"],
  paused: ["paused", "approved", "disabled"],
  rejected: ["rejected", "pending", "approved", "disabled"],
  disabled: ["disabled"],
};

export function metaMayMove(from: TemplateStatus, to: TemplateStatus): boolean {
  return metaMoves[from].includes(to);
}

/** Meta's reasons come as "NONE" when there is none. */
function reasonOf(reason: string | null | undefined): string | null {
  return reason && reason.toUpperCase() !== "NONE" ? reason : null;
}

export interface MetaReport {
  /** Meta's status or webhook event (APPROVED, PAUSED, PENDING_DELETION, FLAGGED...). */
  metaStatus: string;
  metaTemplateId: string;
  /** When it happened; reports older than the one applied last are ignored. */
  at: Date;
  reason?: string | null;
  qualityScore?: string | null;
  source: Extract<TemplateChangeSource, "meta_webhook" | "meta_sync">;
}

/**
 * Applies one Meta report to a (locked) template row. Returns the updated row, or the row unchanged
 * when the report is stale or would move the template backwards.
 */
export async function applyMetaReport(
  tx: Tx,
  services: Pick<Services, "boss">,
  row: TemplateRow,
  report: MetaReport,
): Promise<TemplateRow> {
  // Webhook times have whole seconds: only a report from an earlier second is stale; within one
  // second the order of `metaMoves` decides.
  if (row.metaStatusAt && report.at.getTime() < Math.floor(row.metaStatusAt.getTime() / 1000) * 1000) {
    return row;
  }
  const target = statusFromMeta(report.metaStatus);
  const reason = reasonOf(report.reason);
  if (target === null) {
    // An event that changes no status (FLAGGED: quality is dropping): keep it visible.
    const [updated] = await tx
      .update(templates)
      .set({ metaStatus: report.metaStatus, metaStatusAt: report.at, updatedAt: new Date() })
      .where(eq(templates.id, row.id))
      .returning();
    return updated ?? row;
  }
  if (!metaMayMove(row.status, target)) return row;
  const quality = report.qualityScore ?? row.qualityScore;
  const statusReason =
    target === "approved" || target === "pending"
      ? null
      : (reason ?? (target === row.status ? row.statusReason : report.metaStatus));
  const same =
    target === row.status &&
    row.metaStatus === report.metaStatus &&
    row.statusReason === statusReason &&
    row.qualityScore === quality &&
    row.metaTemplateId === report.metaTemplateId;
  if (same) {
    if (report.source === "meta_sync") {
      await tx.update(templates).set({ lastSyncedAt: new Date() }).where(eq(templates.id, row.id));
    }
    return row;
  }
  const [updated] = await tx
    .update(templates)
    .set({
      status: target,
      metaStatus: report.metaStatus,
      metaStatusAt: report.at,
      metaTemplateId: report.metaTemplateId,
      statusReason,
      qualityScore: quality,
      ...(report.source === "meta_sync" ? { lastSyncedAt: new Date() } : {}),
      updatedAt: new Date(),
    })
    .where(eq(templates.id, row.id))
    .returning();
  if (!updated) return row;
  await recordTemplateChange(tx, services, updated, {
    action: target === row.status ? "template.meta_updated" : "template.status_changed",
    actor: META,
    source: report.source,
    from: row.status,
    reason: statusReason,
    data: { metaStatus: report.metaStatus, metaTemplateId: report.metaTemplateId },
  });
  return updated;
}

/** Asks for a sync of one account soon (in the caller's transaction): a report we could not place. */
async function requestAccountSync(tx: Tx, services: Pick<Services, "boss">, accountId: string) {
  await enqueue({ boss: services.boss, tx }, TEMPLATE_SYNC_QUEUE, { accountId }, { startAfter: 5 });
}

/**
 * A `message_template_status_update` webhook (called from the WhatsApp ingest transaction). A
 * template Charla does not know, or has not linked to Meta's id yet, triggers a sync of its account.
 */
export async function applyTemplateStatus(
  tx: Tx,
  services: Pick<Services, "boss">,
  event: TemplateStatusEvent,
): Promise<void> {
  const [accountId] = await accountIdsByWaba(tx, [event.wabaId]);
  if (!accountId) return;
  const account = { id: accountId };
  let [row] = await tx
    .select()
    .from(templates)
    .where(and(eq(templates.accountId, account.id), eq(templates.metaTemplateId, event.templateId)))
    .for("update");
  if (!row) {
    [row] = await tx
      .select()
      .from(templates)
      .where(
        and(
          eq(templates.accountId, account.id),
          eq(templates.name, event.templateName),
          eq(templates.language, event.language),
        ),
      )
      .for("update");
    // Unknown, or under our own review while Meta reports about it: let a sync sort it out.
    if (!row || row.metaTemplateId === null || metaMoves[row.status].length === 0) {
      if (!row || row.metaTemplateId === null) await requestAccountSync(tx, services, account.id);
      return;
    }
  }
  await applyMetaReport(tx, services, row, {
    metaStatus: event.event,
    metaTemplateId: event.templateId,
    at: event.time ? new Date(event.time * 1000) : new Date(),
    reason: event.reason ?? null,
    source: "meta_webhook",
  });
}

/**
 * A `message_template_quality_update` webhook: the template's quality score follows Meta's, and
 * the change is audited (a falling score comes before Meta pauses a template).
 */
export async function applyTemplateQuality(
  tx: Tx,
  services: Pick<Services, "boss">,
  event: TemplateQualityEvent,
): Promise<void> {
  const accounts = await accountIdsByWaba(tx, [event.wabaId]);
  if (accounts.length === 0) return;
  const [template] = await tx
    .select()
    .from(templates)
    .where(and(inArray(templates.accountId, accounts), eq(templates.metaTemplateId, event.templateId)))
    .for("update");
  const row = template && { template };
  if (!row || row.template.qualityScore === event.newScore) return;
  const [updated] = await tx
    .update(templates)
    .set({ qualityScore: event.newScore, updatedAt: new Date() })
    .where(eq(templates.id, row.template.id))
    .returning();
  if (!updated) return;
  await recordTemplateChange(tx, services, updated, {
    action: "template.quality_changed",
    actor: META,
    source: "meta_webhook",
    from: updated.status,
    data: { qualityScore: { from: row.template.qualityScore, to: event.newScore } },
  });
}

const LIST_FIELDS = [
  "id",
  "name",
  "language",
  "status",
  "category",
  "parameter_format",
  "components",
  "rejected_reason",
  "quality_score",
];

export interface SyncResult {
  accountId: string;
  /** Templates Meta has: how many were looked at. */
  seen: number;
  imported: number;
  updated: number;
  /** Linked templates Meta no longer has: disabled. */
  missingAtMeta: number;
  /** Same name and language at Meta as a template still under the platform's review: left alone. */
  conflicts: number;
}

/**
 * Reconciles one account with Meta: statuses, quality scores and rejection reasons of the templates
 * Charla has; imports those only Meta has (created in WhatsApp Manager); disables linked templates
 * Meta no longer has. Meta is listed first, then everything is written in one transaction.
 */
export async function syncAccountTemplates(
  services: Pick<Services, "database" | "secrets" | "graph" | "boss">,
  accountId: string,
  actor: Actor,
): Promise<SyncResult> {
  const { account, accessToken } = await accountToken(services, accountId);
  const client = services.graph.client(accessToken);
  const remote: MessageTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const response = await client.listTemplates(account.wabaId, { limit: 100, after, fields: LIST_FIELDS });
    remote.push(...response.data);
    after = response.paging?.next ? response.paging.cursors?.after : undefined;
    if (!after || response.data.length === 0) break;
  }
  const at = new Date();
  const result: SyncResult = {
    accountId,
    seen: remote.length,
    imported: 0,
    updated: 0,
    missingAtMeta: 0,
    conflicts: 0,
  };
  await services.database.db.transaction(async (tx) => {
    const rows = await tx.select().from(templates).where(eq(templates.accountId, accountId)).for("update");
    const byMetaId = new Map(
      rows.filter((row) => row.metaTemplateId).map((row) => [row.metaTemplateId, row]),
    );
    const byName = new Map(rows.map((row) => [`${row.name}|${row.language}`, row]));
    const seenIds = new Set<string>();
    for (const template of remote) {
      seenIds.add(template.id);
      const row = byMetaId.get(template.id) ?? byName.get(`${template.name}|${template.language}`);
      const quality = template.quality_score?.score ?? null;
      if (row) {
        if (metaMoves[row.status].length === 0) {
          result.conflicts++;
          continue;
        }
        const updated = await applyMetaReport(tx, services, row, {
          metaStatus: template.status,
          metaTemplateId: template.id,
          at,
          reason: template.rejected_reason ?? null,
          qualityScore: quality,
          source: "meta_sync",
        });
        if (updated !== row) result.updated++;
        continue;
      }
      const status = statusFromMeta(template.status);
      if (status === null || template.status === "DELETED") continue;
      const [imported] = await tx
        .insert(templates)
        .values({
          tenantId: account.tenantId,
          accountId,
          name: template.name,
          language: template.language,
          category: template.category,
          definition: {
            name: template.name,
            language: template.language,
            category: template.category,
            ...(template.parameter_format ? { parameter_format: template.parameter_format } : {}),
            components: template.components,
          },
          status,
          source: "meta",
          metaTemplateId: template.id,
          metaStatus: template.status,
          metaStatusAt: at,
          statusReason:
            status === "approved" || status === "pending" ? null : reasonOf(template.rejected_reason),
          qualityScore: quality,
          lastSyncedAt: at,
        })
        .onConflictDoNothing()
        .returning();
      if (!imported) continue;
      result.imported++;
      await recordTemplateChange(tx, services, imported, {
        action: "template.imported",
        actor,
        source: "meta_sync",
        from: null,
        data: { metaStatus: template.status, metaTemplateId: template.id },
      });
    }
    for (const row of rows) {
      if (!row.metaTemplateId || seenIds.has(row.metaTemplateId) || row.status === "disabled") continue;
      if (metaMoves[row.status].length === 0) continue;
      const updated = await applyMetaReport(tx, services, row, {
        metaStatus: "DELETED",
        metaTemplateId: row.metaTemplateId,
        at,
        reason: "Deleted at Meta",
        source: "meta_sync",
      });
      if (updated !== row) result.missingAtMeta++;
    }
  });
  return result;
}

/** Syncs every account of a tenant, or of every tenant (the scheduled job). */
export async function syncTemplates(
  services: Pick<Services, "database" | "secrets" | "graph" | "boss">,
  options: { tenantId?: string; accountId?: string },
  actor: Actor,
): Promise<SyncResult[]> {
  const accounts = await accountIds(services.database.db, options);
  // An account id the tenant does not have (another tenant's, or none) is a 404 like every by-id call.
  if (options.accountId && accounts.length === 0)
    throw notFound("WhatsApp account", "whatsapp_account_not_found");
  const results: SyncResult[] = [];
  for (const accountId of accounts) results.push(await syncAccountTemplates(services, accountId, actor));
  return results;
}
