import type { paths } from "./schema";

/**
 * Shapes of answers whose routes publish no response schema in /openapi.json yet (typed here by hand
 * from the server's rows); everything else comes from the generated `schema.d.ts`.
 */
export interface WhatsappAccount {
  id: string;
  wabaId: string;
  name: string;
  createdAt: string;
}

export interface PhoneNumber {
  id: string;
  accountId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: string;
  messagingLimitTier: string | null;
  throughputPerSecond: number;
  status: "connected" | "pending" | "disconnected";
  updatedAt: string;
}

export interface ConsentEvent {
  id: string;
  kind: "opt_in" | "opt_out";
  source: string;
  evidence: Record<string, unknown> | null;
  at?: string;
  createdAt?: string;
}

type Json<P extends keyof paths, M extends "get" | "post", S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type Template = Json<"/v1/templates", "post", 201>;
export type TemplateStatus = Template["status"];
export type PolicyFinding = NonNullable<Template["policyFindings"]>[number];
export type AuditEntry = Json<"/v1/audit-log", "get", 200>["data"][number];
export type ApiKey = Json<"/v1/api-keys", "get", 200>["data"][number];

export interface Contact {
  id: string;
  phone: string;
  name: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  optedIn: boolean;
  optedInAt: string | null;
  optedOutAt: string | null;
  windowOpen: boolean;
  windowExpiresAt: string | null;
  createdAt: string;
}
