import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { asProblem } from "../../api/problem";
import { problemMessage } from "../../components/problem";

/** Shapes of the activation answers (the routes publish no response schema yet). */
export const STAGE_KEYS = [
  "company_data",
  "business_verification",
  "partner_request",
  "policy_review",
  "display_name_review",
  "activation",
] as const;
export type StageKey = (typeof STAGE_KEYS)[number];
export type StageStatus = "pending" | "action_required" | "in_review" | "rejected" | "done";
export type StageOwner = "tenant" | "platform" | "meta";

export interface StageNote {
  at: string;
  by: string;
  text: string;
}

export interface Stage {
  id: string;
  stage: StageKey;
  owner: StageOwner;
  status: StageStatus;
  startedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  reasons: string[];
  data: Record<string, unknown>;
  notes: StageNote[];
  slaBreached: boolean;
  nextAction: { key: string; text: string };
}

export interface ActivationDocument {
  id: string;
  kind: string;
  filename: string;
  size: number;
  uploadedAt: string;
}

export interface Activation {
  id: string;
  company: Record<string, string>;
  businessManagerId: string;
  verificationStatus: string;
  displayName: string | null;
  currentStage: StageKey;
  status: "in_progress" | "activated";
  createdAt: string;
  activatedAt: string | null;
  documents: ActivationDocument[];
  stages: Stage[];
}

export interface FeedItem {
  id: string;
  stage: StageKey;
  fromStatus: string;
  toStatus: StageStatus;
  actor: string;
  messageKey: string;
  message: string;
  reasons: string[];
  at: string;
}

export const ACTIVATION_KEY = ["activation"] as const;
export const FEED_KEY = ["activation-feed"] as const;

/** The tenant's tracker, its next actions in the portal's language; null before it started. */
export function useActivation() {
  const { i18n } = useTranslation();
  const lang = (["en", "es", "pt"].includes(i18n.resolvedLanguage ?? "") ? i18n.resolvedLanguage : "en") as
    | "en"
    | "es"
    | "pt";
  return useQuery({
    queryKey: [...ACTIVATION_KEY, lang],
    queryFn: async () => {
      try {
        return (await unwrap(
          api.GET("/v1/activation", { params: { query: { lang } } }),
        )) as unknown as Activation;
      } catch (error) {
        if (asProblem(error).code === "activation_not_started") return null;
        throw error;
      }
    },
  });
}

/** The tenant's activation notifications (every transition), newest first. */
export function useActivationFeed(enabled = true) {
  return useQuery({
    queryKey: FEED_KEY,
    enabled,
    refetchInterval: 60_000,
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/activation/feed"))) as unknown as { data: FeedItem[] }).data,
  });
}

/** Hours left on a stage's SLA clock (negative once breached). */
export function slaHoursLeft(dueAt: string | null, now = Date.now()): number | null {
  return dueAt ? Math.round((new Date(dueAt).getTime() - now) / 36e5) : null;
}

/** A problem in this area's words when it has them (`<prefix>.<code>`), else the portal's. */
export function areaProblem(t: TFunction, error: unknown, prefix: string): string {
  const own = t(`${prefix}.${asProblem(error).code}`, { defaultValue: "" });
  return own || problemMessage(t, error);
}

/** A file as base64 (without the data: prefix), for JSON uploads. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
