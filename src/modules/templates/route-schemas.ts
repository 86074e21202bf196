/** The request and response schemas of the templates API. */
import { z } from "zod";
import { POLICY_RULES } from "./policy.ts";
import { templateChangeSources, templateStatuses } from "./schema.ts";
import { TEMPLATE_CATEGORIES } from "./types.ts";

export const AUTHOR = ["tenant_admin", "developer"] as const;

export const findingOut = z.object({
  rule: z.enum(POLICY_RULES),
  severity: z.enum(["block", "warn"]),
  path: z.string(),
  message: z.string(),
  match: z.string().optional(),
  category: z.string().optional(),
});
export const templateOut = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  language: z.string(),
  category: z.enum(TEMPLATE_CATEGORIES),
  status: z.enum(templateStatuses),
  statusReason: z.string().nullable(),
  definition: z.record(z.string(), z.unknown()),
  policyFindings: z.array(findingOut).nullable(),
  source: z.enum(["charla", "meta"]),
  metaTemplateId: z.string().nullable(),
  metaStatus: z.string().nullable(),
  qualityScore: z.string().nullable(),
  reviewRequestedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  reviewedBy: z.string().nullable(),
  submittedAt: z.date().nullable(),
  lastSyncedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const historyOut = z.object({
  id: z.uuid(),
  fromStatus: z.enum(templateStatuses).nullable(),
  toStatus: z.enum(templateStatuses),
  reason: z.string().nullable(),
  actor: z.string(),
  source: z.enum(templateChangeSources),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: z.date(),
});
export const templateDetailOut = templateOut.extend({ history: z.array(historyOut) });
export const reviewItemOut = templateOut.extend({
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
});
export const syncOut = z.object({
  data: z.array(
    z.object({
      accountId: z.uuid(),
      seen: z.number().int(),
      imported: z.number().int(),
      updated: z.number().int(),
      missingAtMeta: z.number().int(),
      conflicts: z.number().int(),
    }),
  ),
});

/**
 * A definition in Meta's message_templates shape. Only types are checked here; Meta's rules run in
 * the service and answer 422 `template_invalid` with one error per field and rule.
 */
export const definitionFields = {
  category: z.string().max(32).optional().describe("MARKETING, UTILITY or AUTHENTICATION"),
  parameter_format: z.string().max(16).optional().describe("POSITIONAL (default) or NAMED"),
  allow_category_change: z.boolean().optional(),
  message_send_ttl_seconds: z.number().int().optional(),
  components: z
    .array(z.looseObject({ type: z.string().max(16) }))
    .max(10)
    .optional()
    .describe("HEADER, BODY, FOOTER and BUTTONS components, as Meta defines them"),
};
export const createBody = z.looseObject({
  accountId: z.uuid().optional().describe("Charla's id of the WhatsApp account; default: the tenant's first"),
  wabaId: z.string().max(32).optional().describe("Or Meta's WABA id"),
  draft: z.boolean().optional().describe("Keep it as a draft instead of sending it to review"),
  name: z.string().max(512).optional().describe("lowercase letters, digits and underscores"),
  language: z.string().max(15).optional().describe("Meta's language code: es, es_MX, en_US, pt_BR..."),
  ...definitionFields,
});
export const updateBody = z.looseObject({
  draft: z.boolean().optional().describe("Keep it as a draft instead of sending it back to review"),
  name: z.string().max(512).optional().describe("cannot change"),
  language: z.string().max(15).optional().describe("cannot change"),
  ...definitionFields,
});
export const idParams = z.object({ id: z.uuid() });
export const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export function definitionOf(body: Record<string, unknown>): Record<string, unknown> {
  const { accountId: _account, wabaId: _waba, draft: _draft, ...definition } = body;
  return definition;
}
