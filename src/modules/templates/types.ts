/**
 * HSM template definitions in Meta's own `message_templates` JSON shape, so a validated definition can be
 * POSTed to `/{waba-id}/message_templates` unchanged. The zod schemas here check *shape* only (types and
 * required keys); Meta's content rules (lengths, variables, button mixes, ...) live in `rules.ts`, which
 * reports one stable code per rule.
 *
 * Sources: developers.facebook.com/documentation/business-messaging/whatsapp/templates/{components,
 * supported-languages, authentication-templates}. Numbers that Meta does not state precisely are marked
 * "chosen" where they are used.
 */
import { z } from "zod";

/** Meta's supported template languages (Cloud API "Supported Languages", list updated 2026-05-21). */
export const SUPPORTED_LANGUAGES = [
  "af",
  "sq",
  "ar",
  "ar_EG",
  "ar_AE",
  "ar_LB",
  "ar_MA",
  "ar_QA",
  "az",
  "be_BY",
  "bn",
  "bn_IN",
  "bg",
  "ca",
  "zh_CN",
  "zh_HK",
  "zh_TW",
  "hr",
  "cs",
  "da",
  "prs_AF",
  "nl",
  "nl_BE",
  "en",
  "en_GB",
  "en_US",
  "en_AE",
  "en_AU",
  "en_CA",
  "en_GH",
  "en_IE",
  "en_IN",
  "en_JM",
  "en_MY",
  "en_NZ",
  "en_QA",
  "en_SG",
  "en_UG",
  "en_ZA",
  "et",
  "fil",
  "fi",
  "fr",
  "fr_BE",
  "fr_CA",
  "fr_CH",
  "fr_CI",
  "fr_MA",
  "ka",
  "de",
  "de_AT",
  "de_CH",
  "el",
  "gu",
  "ha",
  "he",
  "hi",
  "hu",
  "id",
  "ga",
  "it",
  "ja",
  "kn",
  "kk",
  "rw_RW",
  "ko",
  "ky_KG",
  "lo",
  "lv",
  "lt",
  "mk",
  "ms",
  "ml",
  "mr",
  "nb",
  "ps_AF",
  "fa",
  "pl",
  "pt_BR",
  "pt_PT",
  "pa",
  "ro",
  "ru",
  "sr",
  "si_LK",
  "sk",
  "sl",
  "es",
  "es_AR",
  "es_CL",
  "es_CO",
  "es_CR",
  "es_DO",
  "es_EC",
  "es_HN",
  "es_MX",
  "es_PA",
  "es_PE",
  "es_ES",
  "es_UY",
  "sw",
  "sv",
  "ta",
  "te",
  "th",
  "tr",
  "uk",
  "ur",
  "uz",
  "vi",
  "zu",
] as const;
export type LanguageCode = (typeof SUPPORTED_LANGUAGES)[number];

const LANGUAGE_SET: ReadonlySet<string> = new Set(SUPPORTED_LANGUAGES);
/** Case-sensitive, as Meta's codes are (`pt_BR`, never `pt-BR` or `pt_br`). */
export function isSupportedLanguage(code: unknown): code is LanguageCode {
  return typeof code === "string" && LANGUAGE_SET.has(code);
}

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const PARAMETER_FORMATS = ["POSITIONAL", "NAMED"] as const;
export type ParameterFormat = (typeof PARAMETER_FORMATS)[number];

export const HEADER_FORMATS = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"] as const;
export type HeaderFormat = (typeof HEADER_FORMATS)[number];
export type MediaHeaderFormat = "IMAGE" | "VIDEO" | "DOCUMENT";

export const OTP_TYPES = ["COPY_CODE", "ONE_TAP", "ZERO_TAP"] as const;
export type OtpType = (typeof OTP_TYPES)[number];

/** Meta's limits. Where Meta gives no number the value is chosen and says so. */
export const LIMITS = {
  nameMaxLength: 512,
  headerTextMaxLength: 60,
  headerMaxVariables: 1,
  bodyMaxLength: 1024,
  footerMaxLength: 60,
  buttonsMax: 10,
  quickReplyMax: 10,
  urlButtonsMax: 2,
  phoneButtonsMax: 1,
  copyCodeButtonsMax: 1,
  buttonTextMaxLength: 25,
  urlMaxLength: 2000,
  phoneNumberMaxLength: 20,
  /** Coupon code of a COPY_CODE button and the one-time code of an OTP button: Meta caps both at 15. */
  codeMaxLength: 15,
  codeExpirationMinutesMin: 1,
  codeExpirationMinutesMax: 90,
  /** Android package name: Meta caps it at 224 characters. */
  packageNameMaxLength: 224,
  /** Android app signing key hash: Meta requires exactly 11 characters. */
  signatureHashLength: 11,
  /** Body parameter text at send time (Meta: 1024 when other components exist; we always use 1024). */
  bodyParameterMaxLength: 1024,
  /** Quick-reply payload at send time: Meta gives no number; chosen. */
  quickReplyPayloadMaxLength: 256,
} as const;

// ---------------------------------------------------------------------------------------------- schemas

export const NamedParamExampleSchema = z.object({
  param_name: z.string(),
  example: z.string(),
});
export type NamedParamExample = z.infer<typeof NamedParamExampleSchema>;

export const HeaderComponentSchema = z.object({
  type: z.literal("HEADER"),
  format: z.enum(HEADER_FORMATS),
  text: z.string().optional(),
  example: z
    .object({
      header_text: z.array(z.string()).optional(),
      header_text_named_params: z.array(NamedParamExampleSchema).optional(),
      /** Upload handle(s) from the Resumable Upload API (or a link, where a BSP accepts one). */
      header_handle: z.array(z.string()).optional(),
    })
    .optional(),
});
export type HeaderComponent = z.infer<typeof HeaderComponentSchema>;

export const BodyComponentSchema = z.object({
  type: z.literal("BODY"),
  /** Required for MARKETING/UTILITY; AUTHENTICATION bodies are preset by Meta and usually omit it. */
  text: z.string().optional(),
  example: z
    .object({
      /** One array of example values, one per positional variable: `[["Ana", "#123"]]`. */
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z.array(NamedParamExampleSchema).optional(),
    })
    .optional(),
  /** AUTHENTICATION only: appends "For your security, do not share this code." */
  add_security_recommendation: z.boolean().optional(),
});
export type BodyComponent = z.infer<typeof BodyComponentSchema>;

export const FooterComponentSchema = z.object({
  type: z.literal("FOOTER"),
  text: z.string().optional(),
  /** AUTHENTICATION only: "This code expires in N minutes." (1-90). */
  code_expiration_minutes: z.number().optional(),
});
export type FooterComponent = z.infer<typeof FooterComponentSchema>;

export const QuickReplyButtonSchema = z.object({
  type: z.literal("QUICK_REPLY"),
  text: z.string(),
});
export const UrlButtonSchema = z.object({
  type: z.literal("URL"),
  text: z.string(),
  /** May end with one `{{1}}` variable: `https://shop.example/orders/{{1}}`. */
  url: z.string(),
  /** The full example URL with the variable filled in, as Meta wants it. */
  example: z.array(z.string()).optional(),
});
export const PhoneNumberButtonSchema = z.object({
  type: z.literal("PHONE_NUMBER"),
  text: z.string(),
  phone_number: z.string(),
});
/** MARKETING coupon-code button; its label is fixed by WhatsApp ("Copy offer code"). */
export const CopyCodeButtonSchema = z.object({
  type: z.literal("COPY_CODE"),
  example: z.string(),
});
export const SupportedAppSchema = z.object({
  package_name: z.string(),
  signature_hash: z.string(),
});
export const OtpButtonSchema = z.object({
  type: z.literal("OTP"),
  otp_type: z.enum(OTP_TYPES),
  /** Copy-code label (ONE_TAP: shown when the app cannot autofill). */
  text: z.string().optional(),
  /** ONE_TAP: label of the autofill button. */
  autofill_text: z.string().optional(),
  /** ONE_TAP / ZERO_TAP: either the legacy package_name + signature_hash pair or supported_apps. */
  package_name: z.string().optional(),
  signature_hash: z.string().optional(),
  supported_apps: z.array(SupportedAppSchema).optional(),
  zero_tap_terms_accepted: z.boolean().optional(),
});

export const TemplateButtonSchema = z.discriminatedUnion("type", [
  QuickReplyButtonSchema,
  UrlButtonSchema,
  PhoneNumberButtonSchema,
  CopyCodeButtonSchema,
  OtpButtonSchema,
]);
export type QuickReplyButton = z.infer<typeof QuickReplyButtonSchema>;
export type UrlButton = z.infer<typeof UrlButtonSchema>;
export type PhoneNumberButton = z.infer<typeof PhoneNumberButtonSchema>;
export type CopyCodeButton = z.infer<typeof CopyCodeButtonSchema>;
export type OtpButton = z.infer<typeof OtpButtonSchema>;
export type TemplateButton = z.infer<typeof TemplateButtonSchema>;
export type ButtonType = TemplateButton["type"];
export const BUTTON_TYPES: readonly ButtonType[] = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP"];

export const ButtonsComponentSchema = z.object({
  type: z.literal("BUTTONS"),
  buttons: z.array(TemplateButtonSchema),
});
export type ButtonsComponent = z.infer<typeof ButtonsComponentSchema>;

export const TemplateComponentSchema = z.discriminatedUnion("type", [
  HeaderComponentSchema,
  BodyComponentSchema,
  FooterComponentSchema,
  ButtonsComponentSchema,
]);
export type TemplateComponent = z.infer<typeof TemplateComponentSchema>;
export type ComponentType = TemplateComponent["type"];

/** Shape of a definition (POST /{waba-id}/message_templates body). Content rules: `validateTemplate`. */
export const TemplateDefinitionSchema = z.object({
  name: z.string(),
  language: z.enum(SUPPORTED_LANGUAGES),
  category: z.enum(TEMPLATE_CATEGORIES),
  /** Meta's default is POSITIONAL when absent. */
  parameter_format: z.enum(PARAMETER_FORMATS).optional(),
  /** Lets Meta re-categorise instead of rejecting (Meta's own flag; passed through unchanged). */
  allow_category_change: z.boolean().optional(),
  message_send_ttl_seconds: z.number().int().optional(),
  components: z.array(TemplateComponentSchema),
});
export type TemplateDefinition = z.infer<typeof TemplateDefinitionSchema>;

// --------------------------------------------------------------------------------------------- helpers

export function parameterFormatOf(template: Pick<TemplateDefinition, "parameter_format">): ParameterFormat {
  return template.parameter_format ?? "POSITIONAL";
}

export function findComponent<T extends ComponentType>(
  template: Pick<TemplateDefinition, "components">,
  type: T,
): Extract<TemplateComponent, { type: T }> | undefined {
  return template.components.find((c): c is Extract<TemplateComponent, { type: T }> => c.type === type);
}

/** One validation / render problem. `path` is dot-separated (`components.1.text`, `body.2`). */
export type FieldError = { path: string; code: string; message: string };
