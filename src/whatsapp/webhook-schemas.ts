/** The raw shapes of Meta's webhook payloads (lenient: unknown fields pass), as zod schemas. */
import { z } from "zod";

// ---------------------------------------------------------------------------
// Raw payload schemas (lenient on extra fields, strict on what we rely on)

/** Latest instant a Unix timestamp may name: 9999-12-31, within what JS dates and PostgreSQL hold. */
const MAX_UNIX_SECONDS = 253_402_300_799;
/** Unix seconds, as digits or a number, naming a real date (a huge one would be an Invalid Date). */
export const tsString = z
  .union([z.string().regex(/^\d{1,12}$/), z.number().int()])
  .refine((value) => Number(value) >= 0 && Number(value) <= MAX_UNIX_SECONDS, "Not a real date");

export const rawError = z.looseObject({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});

export const mediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

export const rawMessage = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: tsString,
  type: z.string().min(1),
  context: z
    .looseObject({
      from: z.string().optional(),
      id: z.string().optional(),
      forwarded: z.boolean().optional(),
    })
    .optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  document: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contacts: z.array(z.unknown()).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
      nfm_reply: z
        .looseObject({ response_json: z.string(), name: z.string().optional(), body: z.string().optional() })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string(), text: z.string() }).optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  order: z.unknown().optional(),
  errors: z.array(rawError).optional(),
});

export const rawStatus = z.looseObject({
  id: z.string().min(1),
  status: z.enum(["sent", "delivered", "read", "failed", "deleted", "played"]),
  timestamp: tsString,
  recipient_id: z.string().min(1),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .looseObject({
      id: z.string(),
      expiration_timestamp: tsString.optional(),
      origin: z.looseObject({ type: z.string() }).optional(),
    })
    .optional(),
  pricing: z
    .looseObject({
      billable: z.boolean(),
      pricing_model: z.string(),
      category: z.string(),
      type: z.string().optional(),
    })
    .optional(),
  errors: z.array(rawError).optional(),
});

export const metadataSchema = z.looseObject({
  display_phone_number: z.string(),
  phone_number_id: z.string().min(1),
});

export const messagesValue = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  metadata: metadataSchema,
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string(),
        profile: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  messages: z.array(rawMessage).optional(),
  statuses: z.array(rawStatus).optional(),
  errors: z.array(rawError).optional(),
});

export const templateStatusValue = z.looseObject({
  event: z.string().min(1),
  message_template_id: z.union([z.number(), z.string()]),
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: z.string().nullable().optional(),
});

export const templateQualityValue = z.looseObject({
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string().min(1),
  message_template_id: z.union([z.number(), z.string()]),
  message_template_name: z.string(),
  message_template_language: z.string(),
});

export const qualityValue = z.looseObject({
  display_phone_number: z.string(),
  event: z.string().min(1),
  /** The limit since February 2026 (the business portfolio's); replaces current_limit. */
  max_daily_conversations_per_business: z.string().optional(),
  current_limit: z.string().optional(),
  messaging_limit_tier: z.string().optional(),
  old_limit: z.string().optional(),
});

export const envelope = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z
    .array(
      z.object({
        id: z.string().min(1),
        time: z.number().optional(),
        changes: z.array(z.object({ field: z.string().min(1), value: z.unknown() })),
      }),
    )
    .min(1),
});
