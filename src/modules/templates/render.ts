/**
 * Turns an (approved) template definition plus the sender's parameters into the Cloud API `template`
 * message object (`POST /{phone-number-id}/messages`, `type: "template"`) and a plain-text preview.
 * Missing, extra and malformed parameters are refused, one error per parameter.
 */
import { renderButtons } from "./render-buttons.ts";
import {
  type DocumentParam,
  type RenderError,
  type RenderErrorCode,
  type RenderParams,
  RenderParamsSchema,
  type RenderResult,
  type SendComponent,
  type SendParameter,
  type TemplateMessage,
} from "./render-params.ts";
import { authPreset, BAD_PARAM_TEXT_RE, isHttpUrl, substitute } from "./render-text.ts";
import { variableNames } from "./rules.ts";
import { findComponent, LIMITS, parameterFormatOf, type TemplateDefinition } from "./types.ts";

export * from "./render-params.ts";

/** What the render steps share: the template, the parameters, and the message and errors being built. */
export interface RenderContext {
  template: TemplateDefinition;
  params: RenderParams;
  format: ReturnType<typeof parameterFormatOf>;
  isAuth: boolean;
  components: SendComponent[];
  previewParts: string[];
  push(path: string, code: RenderErrorCode, message: string): void;
  /** Checks a text parameter (not empty, no newlines or tabs, not too long); false after pushing why. */
  checkText(path: string, value: string, max: number): boolean;
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
  const errors: RenderError[] = [];
  const push = (path: string, code: RenderErrorCode, message: string) => errors.push({ path, code, message });
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

  const context: RenderContext = {
    template,
    params: parsed.data,
    format: parameterFormatOf(template),
    isAuth: template.category === "AUTHENTICATION",
    components,
    previewParts,
    push,
    checkText,
  };
  renderHeader(context);
  const code = renderBody(context);
  renderFooter(context);
  renderButtons(context, code);

  if (errors.length > 0) return { ok: false, errors };
  const message: TemplateMessage = { name: template.name, language: { code: template.language } };
  if (components.length > 0) message.components = components;
  return { ok: true, message, preview: previewParts.join("\n\n") };
}

function renderHeader(context: RenderContext): void {
  const { push, checkText, format, components, previewParts, params: p, template } = context;
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
}

function renderBody(context: RenderContext): string | undefined {
  const { push, checkText, format, isAuth, components, previewParts, params: p, template } = context;
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
  return code;
}

function renderFooter(context: RenderContext): void {
  const { isAuth, previewParts, template } = context;
  const footer = findComponent(template, "FOOTER");
  if (footer?.text !== undefined) previewParts.push(footer.text);
  else if (isAuth && footer?.code_expiration_minutes !== undefined) {
    previewParts.push(authPreset(template.language).expiry(footer.code_expiration_minutes));
  }
}
