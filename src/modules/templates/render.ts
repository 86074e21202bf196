/**
 * Turns an (approved) template definition plus the sender's parameters into the Cloud API `template`
 * message object (`POST /{phone-number-id}/messages`, `type: "template"`) and a plain-text preview.
 * Missing, extra and malformed parameters are refused, one error per parameter.
 */
import { z } from "zod";
import { extractVariables, variableNames } from "./rules.ts";
import {
  type FieldError,
  findComponent,
  LIMITS,
  parameterFormatOf,
  type TemplateButton,
  type TemplateDefinition,
} from "./types.ts";

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

// ------------------------------------------------------------------------------------------------ helpers

/** Meta (error 132018): parameter text cannot have newlines, tabs or more than 4 consecutive spaces. */
const BAD_PARAM_TEXT_RE = /[\n\r\t]| {5,}/;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (whole, name: string) => values.get(name) ?? whole);
}

/** Preset authentication texts (Meta writes and localises them; these are our preview approximations). */
const AUTH_PRESETS = {
  en: {
    body: (code: string) => `${code} is your verification code.`,
    security: "For your security, do not share this code.",
    expiry: (n: number) => `This code expires in ${n} minutes.`,
    copy: "Copy code",
    autofill: "Autofill",
  },
  es: {
    body: (code: string) => `${code} es tu código de verificación.`,
    security: "Por tu seguridad, no lo compartas.",
    expiry: (n: number) => `Este código caduca en ${n} minutos.`,
    copy: "Copiar código",
    autofill: "Autocompletar",
  },
  pt: {
    body: (code: string) => `Seu código de verificação é ${code}.`,
    security: "Para sua segurança, não o compartilhe.",
    expiry: (n: number) => `Este código expira em ${n} minutos.`,
    copy: "Copiar código",
    autofill: "Preencher automaticamente",
  },
} as const;

function authPreset(language: string) {
  const family = language.split("_")[0];
  return family === "es" ? AUTH_PRESETS.es : family === "pt" ? AUTH_PRESETS.pt : AUTH_PRESETS.en;
}

function buttonLabel(b: TemplateButton, language: string): string {
  switch (b.type) {
    case "QUICK_REPLY":
    case "URL":
    case "PHONE_NUMBER":
      return b.text;
    case "COPY_CODE":
      return "Copy offer code";
    case "OTP":
      if (b.otp_type === "ONE_TAP") return b.autofill_text ?? authPreset(language).autofill;
      return b.text ?? authPreset(language).copy;
  }
}

// --------------------------------------------------------------------------------------------------- entry

export function renderTemplate(template: TemplateDefinition, params: unknown = {}): RenderResult {
  const parsed = RenderParamsSchema.safeParse(params ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        path: i.path.map(String).join("."),
        code: "invalid_params" as const,
        message: i.message,
      })),
    };
  }
  const p = parsed.data;
  const errors: RenderError[] = [];
  const push = (path: string, code: RenderErrorCode, message: string) => errors.push({ path, code, message });
  const format = parameterFormatOf(template);
  const isAuth = template.category === "AUTHENTICATION";
  const components: SendComponent[] = [];
  const previewParts: string[] = [];

  const checkText = (path: string, value: string, max: number): boolean => {
    if (value.trim() === "") {
      push(path, "empty_parameter", "Parameter text cannot be empty.");
      return false;
    }
    if (BAD_PARAM_TEXT_RE.test(value)) {
      push(
        path,
        "invalid_parameter_text",
        "Parameter text cannot contain newlines, tabs or more than 4 consecutive spaces.",
      );
      return false;
    }
    if (value.length > max) {
      push(path, "parameter_too_long", `Parameter text must be at most ${max} characters.`);
      return false;
    }
    return true;
  };

  // ---- header
  const header = findComponent(template, "HEADER");
  const hp = p.header ?? {};
  const given = (Object.keys(hp) as (keyof typeof hp)[]).filter((k) => hp[k] !== undefined);
  if (!header) {
    if (given.length > 0) push("header", "unexpected_parameter", "This template has no header.");
  } else if (header.format === "TEXT") {
    const text = header.text ?? "";
    const names = variableNames(text, format);
    for (const k of given) {
      if (k !== "text" || names.length === 0) {
        push(`header.${k}`, "unexpected_parameter", `The header of this template takes no ${k} parameter.`);
      }
    }
    if (names.length > 0) {
      const name = names[0] ?? "1";
      if (hp.text === undefined) {
        push("header.text", "missing_parameter", `The header needs a value for {{${name}}}.`);
      } else if (checkText("header.text", hp.text, LIMITS.headerTextMaxLength)) {
        const rendered = substitute(text, new Map([[name, hp.text]]));
        if (rendered.length > LIMITS.headerTextMaxLength) {
          push(
            "header.text",
            "parameter_too_long",
            `The header with its parameter must be at most ${LIMITS.headerTextMaxLength} characters (${rendered.length}).`,
          );
        }
        components.push({
          type: "header",
          parameters: [
            format === "NAMED"
              ? { type: "text", text: hp.text, parameter_name: name }
              : { type: "text", text: hp.text },
          ],
        });
        previewParts.push(rendered);
      }
    } else {
      previewParts.push(text);
    }
  } else {
    const kind =
      header.format === "IMAGE"
        ? "image"
        : header.format === "VIDEO"
          ? "video"
          : header.format === "DOCUMENT"
            ? "document"
            : "location";
    for (const k of given) {
      if (k !== kind)
        push(
          `header.${k}`,
          "unexpected_parameter",
          `A ${header.format} header takes header.${kind}, not ${k}.`,
        );
    }
    if (kind === "location") {
      const loc = hp.location;
      if (!loc) push("header.location", "missing_parameter", "A LOCATION header needs header.location.");
      else if (Math.abs(loc.latitude) > 90 || Math.abs(loc.longitude) > 180) {
        push("header.location", "invalid_location", "latitude must be within ±90 and longitude within ±180.");
      } else {
        components.push({ type: "header", parameters: [{ type: "location", location: loc }] });
        previewParts.push(`[Location${loc.name ? `: ${loc.name}` : ""}]`);
      }
    } else {
      const media = hp[kind];
      if (!media) {
        push(
          `header.${kind}`,
          "missing_parameter",
          `A ${header.format} header needs header.${kind} with a link or a media id.`,
        );
      } else if ((media.link === undefined) === (media.id === undefined)) {
        push(`header.${kind}`, "invalid_media", "Give exactly one of link or id.");
      } else if (media.link !== undefined && !isHttpUrl(media.link)) {
        push(`header.${kind}.link`, "invalid_media", "link must be an http(s) URL.");
      } else if (media.id !== undefined && media.id.trim() === "") {
        push(`header.${kind}.id`, "invalid_media", "id cannot be empty.");
      } else {
        const param: SendParameter =
          kind === "image"
            ? { type: "image", image: media }
            : kind === "video"
              ? { type: "video", video: media }
              : { type: "document", document: media };
        components.push({ type: "header", parameters: [param] });
        const filename = kind === "document" ? (media as DocumentParam).filename : undefined;
        const label = kind === "image" ? "Image" : kind === "video" ? "Video" : "Document";
        previewParts.push(`[${label}${filename ? `: ${filename}` : ""}]`);
      }
    }
  }

  // ---- body
  const body = findComponent(template, "BODY");
  const bodyText = body?.text;
  const names = isAuth && bodyText === undefined ? ["1"] : variableNames(bodyText, format);
  const values = new Map<string, string>();
  const bodyParams: SendParameter[] = [];
  const maxBodyParam = isAuth ? LIMITS.codeMaxLength : LIMITS.bodyParameterMaxLength;
  if (format === "POSITIONAL" || isAuth) {
    if (p.body !== undefined && !Array.isArray(p.body)) {
      push(
        "body",
        "invalid_parameter_format",
        "This template uses positional parameters: send body as an array of strings.",
      );
    } else {
      const arr = p.body ?? [];
      names.forEach((name, i) => {
        const v = arr[i];
        if (v === undefined) {
          push(`body.${i}`, "missing_parameter", `Missing the value for {{${name}}}.`);
        } else if (checkText(`body.${i}`, v, maxBodyParam)) {
          if (isAuth && /\s/.test(v)) {
            push(`body.${i}`, "invalid_parameter_text", "A verification code cannot contain spaces.");
            return;
          }
          values.set(name, v);
          bodyParams.push({ type: "text", text: v });
        }
      });
      for (let i = names.length; i < arr.length; i++) {
        push(
          `body.${i}`,
          "unexpected_parameter",
          `The body has ${names.length} variable(s); value ${i + 1} is extra.`,
        );
      }
    }
  } else if (p.body !== undefined && Array.isArray(p.body)) {
    push(
      "body",
      "invalid_parameter_format",
      "This template uses named parameters: send body as an object { name: value }.",
    );
  } else {
    const rec = (p.body ?? {}) as Record<string, string>;
    for (const name of names) {
      const v = rec[name];
      if (v === undefined) push(`body.${name}`, "missing_parameter", `Missing the value for {{${name}}}.`);
      else if (checkText(`body.${name}`, v, maxBodyParam)) {
        values.set(name, v);
        bodyParams.push({ type: "text", text: v, parameter_name: name });
      }
    }
    for (const key of Object.keys(rec)) {
      if (!names.includes(key))
        push(`body.${key}`, "unexpected_parameter", `The body has no variable {{${key}}}.`);
    }
  }
  if (bodyParams.length > 0) components.push({ type: "body", parameters: bodyParams });
  const code = isAuth ? values.get("1") : undefined;
  if (isAuth) {
    const preset = authPreset(template.language);
    const codeText = code ?? "{{1}}";
    let text = bodyText !== undefined ? substitute(bodyText, values) : preset.body(codeText);
    if (bodyText === undefined && body?.add_security_recommendation) text += ` ${preset.security}`;
    previewParts.push(text);
  } else if (bodyText !== undefined) {
    previewParts.push(substitute(bodyText, values));
  }

  // ---- footer
  const footer = findComponent(template, "FOOTER");
  if (footer?.text !== undefined) previewParts.push(footer.text);
  else if (isAuth && footer?.code_expiration_minutes !== undefined) {
    previewParts.push(authPreset(template.language).expiry(footer.code_expiration_minutes));
  }

  // ---- buttons
  const buttons = findComponent(template, "BUTTONS")?.buttons ?? [];
  const byIndex = new Map<number, string | undefined>();
  (p.buttons ?? []).forEach((b, i) => {
    if (b.index < 0 || b.index >= buttons.length) {
      push(`buttons.${i}.index`, "unexpected_parameter", `The template has no button at index ${b.index}.`);
    } else if (byIndex.has(b.index)) {
      push(`buttons.${i}.index`, "duplicate_parameter", `Button ${b.index} was given twice.`);
    } else {
      byIndex.set(b.index, b.text);
    }
  });
  const buttonComponents: SendComponent[] = [];
  buttons.forEach((b, i) => {
    const path = `buttons.${i}`;
    const given = byIndex.get(i);
    const has = byIndex.has(i);
    switch (b.type) {
      case "URL": {
        const token = extractVariables(b.url)[0];
        if (!token) {
          if (has) push(path, "unexpected_parameter", "This URL button has no variable.");
          return;
        }
        if (given === undefined) {
          push(path, "missing_parameter", `URL button ${i} ("${b.text}") needs the URL suffix for {{1}}.`);
          return;
        }
        if (given === "" || /\s/.test(given)) {
          push(path, "invalid_parameter_text", "The URL suffix cannot be empty or contain whitespace.");
          return;
        }
        const full = b.url.slice(0, token.start) + given;
        if (full.length > LIMITS.urlMaxLength) {
          push(path, "parameter_too_long", `The full URL must be at most ${LIMITS.urlMaxLength} characters.`);
          return;
        }
        if (!isHttpUrl(full)) {
          push(path, "invalid_url", "The URL with this suffix is not a valid http(s) URL.");
          return;
        }
        buttonComponents.push({
          type: "button",
          sub_type: "url",
          index: String(i),
          parameters: [{ type: "text", text: given }],
        });
        return;
      }
      case "QUICK_REPLY":
        if (!has) return;
        if (given === undefined || given === "") {
          push(path, "empty_parameter", "A quick reply payload cannot be empty (omit the button instead).");
          return;
        }
        if (given.length > LIMITS.quickReplyPayloadMaxLength) {
          push(
            path,
            "parameter_too_long",
            `A quick reply payload must be at most ${LIMITS.quickReplyPayloadMaxLength} characters.`,
          );
          return;
        }
        buttonComponents.push({
          type: "button",
          sub_type: "quick_reply",
          index: String(i),
          parameters: [{ type: "payload", payload: given }],
        });
        return;
      case "PHONE_NUMBER":
        if (has) push(path, "unexpected_parameter", "Phone number buttons take no parameter.");
        return;
      case "COPY_CODE":
        if (given === undefined) {
          push(path, "missing_parameter", "The copy code button needs the coupon code.");
          return;
        }
        if (given.trim() === "" || given.length > LIMITS.codeMaxLength || /\s/.test(given)) {
          push(
            path,
            given.length > LIMITS.codeMaxLength ? "parameter_too_long" : "invalid_parameter_text",
            `The coupon code must be 1-${LIMITS.codeMaxLength} characters without spaces.`,
          );
          return;
        }
        buttonComponents.push({
          type: "button",
          sub_type: "copy_code",
          index: String(i),
          parameters: [{ type: "coupon_code", coupon_code: given }],
        });
        return;
      case "OTP":
        // Cloud API sends every OTP button (copy code, one-tap, zero-tap) as a url button carrying the code.
        if (has && given !== undefined && code !== undefined && given !== code) {
          push(path, "otp_code_mismatch", "The OTP button must carry the same code as the body.");
          return;
        }
        if (code !== undefined) {
          buttonComponents.push({
            type: "button",
            sub_type: "url",
            index: String(i),
            parameters: [{ type: "text", text: code }],
          });
        }
        return;
    }
  });
  components.push(...buttonComponents);
  if (buttons.length > 0)
    previewParts.push(buttons.map((b) => `[${buttonLabel(b, template.language)}]`).join("\n"));

  if (errors.length > 0) return { ok: false, errors };
  const message: TemplateMessage = { name: template.name, language: { code: template.language } };
  if (components.length > 0) message.components = components;
  return { ok: true, message, preview: previewParts.join("\n\n") };
}
