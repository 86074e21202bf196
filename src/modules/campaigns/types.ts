import { z } from "zod";

/**
 * Where a template parameter's value comes from: a contact field (`name`, `phone`, or an
 * attribute: `attributes.city` or just `city`) with a fallback when the contact has none, or a
 * fixed value.
 */
export const ParamSourceSchema = z
  .object({
    field: z.string().min(1).max(100).optional(),
    value: z.string().max(1024).optional(),
    fallback: z.string().max(1024).optional(),
  })
  .strict()
  .refine((source) => source.field !== undefined || source.value !== undefined, {
    message: "give a field (with an optional fallback) or a value",
  });
export type ParamSource = z.infer<typeof ParamSourceSchema>;

const MediaHeaderSchema = z
  .object({
    link: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    /** A media id uploaded to the Cloud API (POST /{phone-number-id}/media). */
    id: z.string().min(1).max(128).optional(),
    filename: z.string().max(240).optional(),
  })
  .strict()
  .refine((media) => (media.link === undefined) !== (media.id === undefined), {
    message: "give either a link or an uploaded media id",
  });

export const VariantParametersSchema = z
  .object({
    header: z
      .object({
        text: ParamSourceSchema.optional(),
        image: MediaHeaderSchema.optional(),
        video: MediaHeaderSchema.optional(),
        document: MediaHeaderSchema.optional(),
      })
      .strict()
      .optional(),
    /** Positional ({{1}}..{{n}}) as a list, or named as a record. */
    body: z
      .union([z.array(ParamSourceSchema).max(100), z.record(z.string().max(100), ParamSourceSchema)])
      .optional(),
    buttons: z
      .array(
        z
          .object({
            index: z.number().int().min(0).max(9),
            text: ParamSourceSchema.optional(),
            /**
             * Charla's redirect link: the button's URL suffix becomes a per-recipient token, the
             * template's URL must be `<Charla>/c/{{1}}`, and a click is counted then sent here.
             */
            redirectUrl: z
              .url({ protocol: /^https?$/ })
              .max(2048)
              .optional(),
          })
          .strict(),
      )
      .max(10)
      .optional(),
  })
  .strict();
export type VariantParameters = z.infer<typeof VariantParametersSchema>;

export const VariantSchema = z
  .object({
    templateId: z.uuid(),
    /** Share of the audience (A/B split), relative to the other variants' weights. */
    weight: z.number().int().min(1).max(100).default(1),
    parameters: VariantParametersSchema.default({}),
  })
  .strict();
export type Variant = z.infer<typeof VariantSchema>;

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "an IANA time zone, e.g. America/Argentina/Buenos_Aires");

export const ScheduleSchema = z
  .object({
    kind: z.enum(["now", "at", "cron"]).default("now"),
    /** For `at`: the local date and time in `timezone`, e.g. 2026-12-01T09:00. */
    at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "YYYY-MM-DDTHH:MM")
      .optional(),
    /** For `cron`: five fields (minute hour day month weekday) in `timezone`. */
    cron: z.string().max(100).optional(),
    timezone: TimeZone.default("UTC"),
    /** No sends while it is between these hours in the contact's local time (from its country). */
    quietHours: z.object({ start: LocalTime, end: LocalTime }).strict().nullable().optional(),
  })
  .strict();
export type Schedule = z.infer<typeof ScheduleSchema>;

export const AudienceSchema = z
  .object({
    segmentIds: z.array(z.uuid()).max(50).optional(),
    listIds: z.array(z.uuid()).max(50).optional(),
    excludeSegmentIds: z.array(z.uuid()).max(50).optional(),
    excludeListIds: z.array(z.uuid()).max(50).optional(),
  })
  .strict();

export const FrequencyCapSchema = z
  .object({
    max: z.number().int().min(1).max(100),
    periodHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
  })
  .strict();
export type FrequencyCap = z.infer<typeof FrequencyCapSchema>;

/** Default marketing frequency cap: at most 2 marketing messages per contact per 7 days. */
export const DEFAULT_FREQUENCY_CAP: FrequencyCap = { max: 2, periodHours: 24 * 7 };

export const CreateCampaignSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    variants: z.array(VariantSchema).min(1).max(5),
    audience: AudienceSchema.default({}),
    phoneNumberIds: z.array(z.uuid()).min(1).max(20),
    schedule: ScheduleSchema.default({ kind: "now", timezone: "UTC" }),
    /** Marketing frequency cap; null turns it off. */
    frequencyCap: FrequencyCapSchema.nullable().optional(),
  })
  .strict();
export type CreateCampaignInput = z.infer<typeof CreateCampaignSchema>;

/** Why a contact of the audience gets no message, in the order they are checked. */
export const SKIP_REASONS = [
  "invalid_number",
  "opted_out",
  "no_opt_in",
  "us_number",
  "meta_marketing_limit",
  "frequency_cap",
  "invalid_parameters",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
