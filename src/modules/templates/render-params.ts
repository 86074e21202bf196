/** The parameters a template message is sent with, and the Cloud API shapes it renders to. */
import { z } from "zod";
import type { FieldError } from "./types.ts";

// ------------------------------------------------------------------------------------------------ params

const MediaParamSchema = z.object({ link: z.string().optional(), id: z.string().optional() });
const DocumentParamSchema = MediaParamSchema.extend({ filename: z.string().optional() });
const LocationParamSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
});

export const RenderParamsSchema = z.object({
  header: z
    .object({
      text: z.string().optional(),
      image: MediaParamSchema.optional(),
      video: MediaParamSchema.optional(),
      document: DocumentParamSchema.optional(),
      location: LocationParamSchema.optional(),
    })
    .strict()
    .optional(),
  /** Positional templates: values for {{1}}..{{n}} in order. Named templates: `{ first_name: "Ana" }`. */
  body: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
  /** `index` is the button's position in the template. `text`: URL suffix, coupon code or payload. */
  buttons: z.array(z.object({ index: z.number().int(), text: z.string().optional() }).strict()).optional(),
});
export type RenderParams = z.infer<typeof RenderParamsSchema>;
export type MediaParam = z.infer<typeof MediaParamSchema>;
export type DocumentParam = z.infer<typeof DocumentParamSchema>;
export type LocationParam = z.infer<typeof LocationParamSchema>;

// ----------------------------------------------------------------------------------------------- message

export type SendParameter =
  | { type: "text"; text: string; parameter_name?: string }
  | { type: "image"; image: MediaParam }
  | { type: "video"; video: MediaParam }
  | { type: "document"; document: DocumentParam }
  | { type: "location"; location: LocationParam }
  | { type: "payload"; payload: string }
  | { type: "coupon_code"; coupon_code: string };

export type SendComponent =
  | { type: "header"; parameters: SendParameter[] }
  | { type: "body"; parameters: SendParameter[] }
  | {
      type: "button";
      sub_type: "url" | "quick_reply" | "copy_code";
      index: string;
      parameters: SendParameter[];
    };

/** The `template` object of a Cloud API message. */
export type TemplateMessage = { name: string; language: { code: string }; components?: SendComponent[] };

export const RENDER_ERROR_CODES = [
  "invalid_params",
  "invalid_parameter_format",
  "missing_parameter",
  "unexpected_parameter",
  "duplicate_parameter",
  "empty_parameter",
  "invalid_parameter_text",
  "parameter_too_long",
  "invalid_media",
  "invalid_location",
  "invalid_url",
  "otp_code_mismatch",
] as const;
export type RenderErrorCode = (typeof RENDER_ERROR_CODES)[number];
export type RenderError = FieldError & { code: RenderErrorCode };

export type RenderResult =
  | { ok: true; message: TemplateMessage; preview: string }
  | { ok: false; errors: RenderError[] };
