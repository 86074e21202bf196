/**
 * The activation stages, who owns each, its SLA clock and its state machine. Meta's stages are moved
 * by Meta's answers (recorded by the platform or its webhooks); the tenant's by the tenant.
 */
import { readFileSync } from "node:fs";
import { AppError } from "../../lib/problem.ts";
import type { ActivationStageKey, StageOwner, StageStatus } from "./schema.ts";

export interface StageDefinition {
  key: ActivationStageKey;
  /** Who must act while the stage waits (Meta's stages belong to Meta once under review). */
  owner: StageOwner;
  /** The status a stage opens with when the previous one is done. */
  opensAs: StageStatus;
  /** Hours before the stage breaches its SLA (Meta's published averages plus margin). */
  slaHours: number;
}

export const STAGES: readonly StageDefinition[] = [
  { key: "company_data", owner: "tenant", opensAs: "action_required", slaHours: 48 },
  { key: "business_verification", owner: "meta", opensAs: "action_required", slaHours: 96 },
  { key: "partner_request", owner: "tenant", opensAs: "action_required", slaHours: 48 },
  { key: "policy_review", owner: "meta", opensAs: "in_review", slaHours: 48 },
  { key: "display_name_review", owner: "meta", opensAs: "action_required", slaHours: 48 },
  { key: "activation", owner: "platform", opensAs: "in_review", slaHours: 24 },
];

export function stageDefinition(key: ActivationStageKey): StageDefinition {
  const found = STAGES.find((stage) => stage.key === key);
  if (!found) throw new Error(`unknown stage ${key}`);
  return found;
}

/** Allowed moves of a stage's status. `done` is final; a rejection goes back to the tenant's hands. */
const TRANSITIONS: Record<StageStatus, readonly StageStatus[]> = {
  pending: ["action_required", "in_review"],
  action_required: ["in_review", "done"],
  in_review: ["done", "rejected", "action_required"],
  rejected: ["action_required", "in_review"],
  done: [],
};

export function assertTransition(stage: ActivationStageKey, from: StageStatus, to: StageStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new AppError(
      409,
      "activation_transition_invalid",
      `Stage ${stage} cannot go from ${from} to ${to} (allowed: ${TRANSITIONS[from].join(", ") || "none"})`,
      { stage, from, to, allowed: TRANSITIONS[from] },
    );
  }
}

/** Who must act on a stage in this status: the tenant fixes and submits, Meta reviews, the platform activates. */
export function ownerOf(key: ActivationStageKey, status: StageStatus): StageOwner {
  const definition = stageDefinition(key);
  if (status === "action_required" || status === "rejected") {
    return key === "activation" ? "platform" : "tenant";
  }
  return definition.owner;
}

export type Language = "en" | "es" | "pt";
type Texts = Record<Language, string>;
const ACTIONS = JSON.parse(readFileSync(new URL("./next-actions.json", import.meta.url), "utf8")) as Record<
  string,
  Texts
>;

/** The next action in words: a message key the portal translates, and its text (English unless asked). */
export function nextAction(key: ActivationStageKey, status: StageStatus, language: Language = "en") {
  const specific = `${key}.${status}`;
  const messageKey = ACTIONS[specific] ? specific : status === "done" ? "done" : "waiting";
  const texts = ACTIONS[messageKey] as Texts;
  return { key: `activation.next.${messageKey}`, text: texts[language], texts };
}
