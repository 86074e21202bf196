import { getCountryCallingCode, isSupportedCountry } from "libphonenumber-js";
import { z } from "zod";

/** The operators a rule on a custom attribute takes. */
export const attributeOps = ["equals", "contains", "in", "range", "exists", "not_exists"] as const;

const attributeKey = z.string().trim().min(1).max(100);
const text = z.string().max(500);
const countryCode = z
  .string()
  .length(2)
  .transform((code) => code.toUpperCase())
  .refine((code) => isSupportedCountry(code), "not an ISO 3166 country code");

export const ruleSchema = z.discriminatedUnion("field", [
  z.object({
    field: z.literal("attribute"),
    key: attributeKey,
    op: z.enum(attributeOps),
    value: text.optional().describe("equals, contains"),
    values: z.array(text).min(1).max(500).optional().describe("in"),
    min: z.union([z.number(), text]).optional().describe("range: a number, or an ISO date compared as text"),
    max: z.union([z.number(), text]).optional(),
  }),
  z.object({ field: z.literal("tag"), op: z.enum(["has", "not_has"]), tag: z.string().min(1).max(50) }),
  z.object({ field: z.literal("consent"), state: z.enum(["opted_in", "opted_out", "none"]) }),
  z.object({ field: z.literal("language"), values: z.array(z.string().min(1).max(20)).min(1).max(50) }),
  z.object({ field: z.literal("country"), countries: z.array(countryCode).min(1).max(250) }),
  z.object({ field: z.literal("market"), markets: z.array(z.string().min(1).max(50)).min(1).max(50) }),
  z.object({
    field: z.literal("last_inbound"),
    op: z.enum(["within", "not_within"]),
    days: z.number().int().min(0).max(3650),
  }),
  z.object({ field: z.literal("created"), days: z.number().int().min(0).max(3650) }),
  z.object({ field: z.literal("conversation"), numberId: z.uuid() }),
  z.object({
    field: z.literal("campaign"),
    campaignId: z.uuid(),
    event: z.enum(["received", "read", "replied", "not_received"]),
  }),
]);
export type SegmentRule = z.infer<typeof ruleSchema>;

export interface SegmentGroup {
  op: "and" | "or";
  rules: (SegmentRule | SegmentGroup)[];
}

/** AND/OR groups nest up to four levels; an empty AND matches every contact, an empty OR none. */
const groupAt = (depth: number): z.ZodType<SegmentGroup> =>
  z.object({
    op: z.enum(["and", "or"]),
    rules: z.array(depth >= 3 ? ruleSchema : z.union([ruleSchema, z.lazy(() => groupAt(depth + 1))])).max(50),
  });
export const segmentGroupSchema = groupAt(0);

export function isGroup(rule: SegmentRule | SegmentGroup): rule is SegmentGroup {
  return "op" in rule && "rules" in rule;
}

/** "+54" for AR: the calling code prefix an E.164 phone of that country starts with. */
export function callingPrefix(country: string): string {
  return `+${getCountryCallingCode(country as Parameters<typeof getCountryCallingCode>[0])}`;
}

/** A rule's `range` bounds must be both numbers or both dates. */
export function rangeKind(rule: { min?: number | string; max?: number | string }): "number" | "text" {
  return typeof rule.min === "number" || typeof rule.max === "number" ? "number" : "text";
}
