/** A tenant's onboarding request: start it, read it, and the tenant's own steps. */
import { createHash } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { AppError, conflict, notFound, unprocessable } from "../../lib/problem.ts";
import type { Actor } from "../accounts/index.ts";
import { checkDisplayName } from "./display-name.ts";
import {
  type ActivationStageKey,
  activationDocuments,
  activationRequests,
  activationStages,
  activationTransitions,
} from "./schema.ts";
import { type Language, nextAction, STAGES } from "./stages.ts";
import { type RequestRow, transitionStage } from "./transitions.ts";

type Ctx = Pick<Services, "database" | "boss">;

/** Meta's business portfolio (Business Manager) ids are 15 or 16 digits. */
export const BUSINESS_MANAGER_ID = /^\d{15,16}$/;

export const DOCUMENT_KINDS = [
  "legal_name",
  "address",
  "tax_registration",
  "business_license",
  "utility_bill",
] as const;
/** Documents that prove the legal name (Meta needs one) and the address (Meta needs one). */
const LEGAL_NAME_DOCS = ["legal_name", "tax_registration", "business_license"];
const ADDRESS_DOCS = ["address", "utility_bill"];

export interface CompanyInput {
  legalName: string;
  website: string;
  country: string;
  address: string;
  contactPhone: string;
  contactEmail: string;
}

export async function requestOf(db: Executor, tenantId: string): Promise<RequestRow> {
  const [row] = await db.select().from(activationRequests).where(eq(activationRequests.tenantId, tenantId));
  if (!row) throw notFound("Activation request", "activation_not_started");
  return row;
}

/** Starts the tenant's activation: company data sent, the verification stage opens. */
export async function startActivation(
  services: Ctx,
  tenantId: string,
  input: { company: CompanyInput; businessManagerId: string; businessVerified?: boolean | undefined },
  actor: Actor,
) {
  if (!BUSINESS_MANAGER_ID.test(input.businessManagerId)) {
    throw unprocessable(
      "business_manager_id_invalid",
      "A Business Manager ID is the 15- or 16-digit number in Business settings > Business info",
    );
  }
  return services.database.db.transaction(async (tx) => {
    const [request] = await tx
      .insert(activationRequests)
      .values({ tenantId, company: { ...input.company }, businessManagerId: input.businessManagerId })
      .onConflictDoNothing()
      .returning();
    if (!request) throw conflict("activation_exists", "This tenant's activation has already started");
    await tx.insert(activationStages).values(
      STAGES.map((stage, position) => ({
        requestId: request.id,
        tenantId,
        stage: stage.key,
        position,
        owner: stage.owner,
      })),
    );
    const context = { boss: services.boss, tx };
    await transitionStage(context, request, "company_data", { to: "action_required" }, actor);
    await transitionStage(context, request, "company_data", { to: "done" }, actor);
    if (input.businessVerified) {
      // Already verified at Meta: the stage closes, Meta confirms it when the partner request is accepted.
      await transitionStage(
        context,
        request,
        "business_verification",
        { to: "done", note: "The business declared itself verified by Meta" },
        actor,
      );
    }
    return request.id;
  });
}

/** The tracker: the request, its stages with their next action (in the asked language) and SLA state. */
export async function activationView(db: Executor, tenantId: string, language: Language = "en") {
  const request = await requestOf(db, tenantId);
  const stages = await db
    .select()
    .from(activationStages)
    .where(eq(activationStages.requestId, request.id))
    .orderBy(asc(activationStages.position));
  const documents = await db
    .select({
      id: activationDocuments.id,
      kind: activationDocuments.kind,
      filename: activationDocuments.filename,
      size: activationDocuments.size,
      uploadedAt: activationDocuments.uploadedAt,
    })
    .from(activationDocuments)
    .where(eq(activationDocuments.requestId, request.id));
  const now = Date.now();
  return {
    ...request,
    documents,
    stages: stages.map(({ requestId: _r, tenantId: _t, position: _p, ...stage }) => ({
      ...stage,
      slaBreached: stage.dueAt !== null && stage.status !== "done" && stage.dueAt.getTime() < now,
      nextAction: (({ key, text }) => ({ key, text }))(nextAction(stage.stage, stage.status, language)),
    })),
  };
}

/** The tenant's notification feed: every transition, newest first. */
export async function activationFeed(db: Executor, tenantId: string, limit = 50) {
  return db
    .select()
    .from(activationTransitions)
    .where(eq(activationTransitions.tenantId, tenantId))
    .orderBy(desc(activationTransitions.at))
    .limit(limit);
}

async function stageOf(db: Executor, requestId: string, key: ActivationStageKey) {
  const [stage] = await db
    .select()
    .from(activationStages)
    .where(and(eq(activationStages.requestId, requestId), eq(activationStages.stage, key)));
  if (!stage) throw notFound("Stage", "activation_stage_not_found");
  return stage;
}

function requireStatus(stage: { stage: string; status: string }, allowed: string[], what: string) {
  if (!allowed.includes(stage.status)) {
    throw conflict(
      "activation_stage_not_open",
      `${what} is possible when ${stage.stage} is ${allowed.join(" or ")} (it is ${stage.status})`,
      {
        stage: stage.stage,
        stageStatus: stage.status,
      },
    );
  }
}

/** A verification document (stored in the database, its SHA-256 kept for Meta's forms). */
export async function uploadDocument(
  services: Ctx,
  tenantId: string,
  input: { kind: string; filename: string; mimeType: string; content: Buffer },
) {
  const { db } = services.database;
  const request = await requestOf(db, tenantId);
  requireStatus(
    await stageOf(db, request.id, "business_verification"),
    ["action_required", "rejected"],
    "Uploading documents",
  );
  const [row] = await db
    .insert(activationDocuments)
    .values({
      requestId: request.id,
      tenantId,
      kind: input.kind,
      filename: input.filename,
      mimeType: input.mimeType,
      size: input.content.length,
      sha256: createHash("sha256").update(input.content).digest("hex"),
      content: input.content,
    })
    .returning({
      id: activationDocuments.id,
      kind: activationDocuments.kind,
      sha256: activationDocuments.sha256,
    });
  return row;
}

/** The verification checklist as it stands: documents, website and domain, contact phone. */
export async function verificationChecklist(
  db: Executor,
  request: RequestRow,
  stageData: Record<string, unknown>,
) {
  const documents = await db
    .select({ kind: activationDocuments.kind })
    .from(activationDocuments)
    .where(eq(activationDocuments.requestId, request.id));
  const kinds = documents.map((document) => document.kind);
  return {
    legalNameDocument: kinds.some((kind) => LEGAL_NAME_DOCS.includes(kind)),
    addressDocument: kinds.some((kind) => ADDRESS_DOCS.includes(kind)),
    website: Boolean(request.company.website),
    domainVerified: stageData.domainVerified === true,
    contactPhone: Boolean(request.company.contactPhone),
  };
}

/** Sends the business to Meta's verification once the checklist is complete. */
export async function submitVerification(
  services: Ctx,
  tenantId: string,
  input: { domainVerified: boolean },
  actor: Actor,
) {
  return services.database.db.transaction(async (tx) => {
    const request = await requestOf(tx, tenantId);
    const stage = await stageOf(tx, request.id, "business_verification");
    requireStatus(stage, ["action_required", "rejected"], "Submitting the verification");
    const checklist = await verificationChecklist(tx, request, { ...stage.data, ...input });
    const missing = Object.entries(checklist)
      .filter(([, ok]) => !ok)
      .map(([item]) => item);
    if (missing.length > 0) {
      throw unprocessable(
        "verification_incomplete",
        `The verification checklist is incomplete: ${missing.join(", ")}`,
        {
          missing,
          checklist,
        },
      );
    }
    return transitionStage(
      { boss: services.boss, tx },
      request,
      "business_verification",
      { to: "in_review", data: { ...input, checklist } },
      actor,
    );
  });
}

/** The tenant approved the provider's partner request in its Business Manager. */
export async function approvePartnerRequest(services: Ctx, tenantId: string, actor: Actor) {
  return services.database.db.transaction(async (tx) => {
    const request = await requestOf(tx, tenantId);
    requireStatus(
      await stageOf(tx, request.id, "partner_request"),
      ["action_required"],
      "Approving the partner request",
    );
    return transitionStage(
      { boss: services.boss, tx },
      request,
      "partner_request",
      { to: "done", data: { approvedAt: new Date().toISOString() } },
      actor,
    );
  });
}

/** Submits a display name to WhatsApp's review once the pre-check finds nothing blocking. */
export async function submitDisplayName(services: Ctx, tenantId: string, displayName: string, actor: Actor) {
  return services.database.db.transaction(async (tx) => {
    const request = await requestOf(tx, tenantId);
    requireStatus(
      await stageOf(tx, request.id, "display_name_review"),
      ["action_required", "rejected"],
      "Submitting a display name",
    );
    const check = checkDisplayName(displayName, request.company);
    if (!check.ok) {
      throw new AppError(422, "display_name_refused", "The display name breaks Meta's display-name rules", {
        findings: check.findings,
      });
    }
    await tx.update(activationRequests).set({ displayName }).where(eq(activationRequests.id, request.id));
    return transitionStage(
      { boss: services.boss, tx },
      request,
      "display_name_review",
      { to: "in_review", data: { displayName, findings: check.findings } },
      actor,
    );
  });
}
