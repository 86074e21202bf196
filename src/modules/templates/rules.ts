/**
 * Meta's content rules for template definitions: one stable `code` per rule, one error per offending field.
 * `validateTemplate` first checks the shape with the zod schemas of `types.ts`, then every content rule.
 */
import { z } from "zod";
import type { Push, TemplateError, TemplateErrorCode, ValidationResult } from "./rule-codes.ts";
import { EMOJI_RE, MARKDOWN_RE, NEWLINE_OR_TAB_RE, TOKEN_RE } from "./rule-text.ts";
import { checkBody, checkExamples, checkSequence, checkVariableSyntax } from "./rules-body.ts";
import { checkButtons, checkFooter } from "./rules-buttons.ts";
import {
  type HeaderComponent,
  isSupportedLanguage,
  LIMITS,
  PARAMETER_FORMATS,
  type ParameterFormat,
  parameterFormatOf,
  TEMPLATE_CATEGORIES,
  type TemplateCategory,
  type TemplateDefinition,
  TemplateDefinitionSchema,
} from "./types.ts";

export * from "./rule-codes.ts";
export {
  extractVariables,
  isValidVariableName,
  minimumWordsForVariables,
  variableNames,
} from "./rule-text.ts";

// ----------------------------------------------------------------------------------------------- entry

/** Validates an untrusted template definition against the schema and Meta's rules. */
export function validateTemplate(def: unknown): ValidationResult {
  const errors: TemplateError[] = [];
  const push = (path: string, code: TemplateErrorCode, message: string) =>
    errors.push({ path, code, message });

  // Top-level fields first, from the raw input, so they get their own codes even when the shape is bad.
  const raw = (typeof def === "object" && def !== null ? def : {}) as Record<string, unknown>;
  const topLevelReported = new Set<string>();
  const name = raw.name;
  if (typeof name !== "string" || name.length === 0) {
    push("name", "name_required", "Template name is required.");
    topLevelReported.add("name");
  } else {
    if (name.length > LIMITS.nameMaxLength) {
      push("name", "name_too_long", `Template name must be at most ${LIMITS.nameMaxLength} characters.`);
    }
    if (!/^[a-z0-9_]+$/.test(name)) {
      push(
        "name",
        "invalid_name",
        "Template name may only contain lowercase letters, digits and underscores.",
      );
    }
  }
  if (!isSupportedLanguage(raw.language)) {
    push(
      "language",
      "unsupported_language",
      `Language ${JSON.stringify(raw.language ?? null)} is not a Meta template language (e.g. es, es_MX, en_US, pt_BR).`,
    );
    topLevelReported.add("language");
  }
  if (!(TEMPLATE_CATEGORIES as readonly unknown[]).includes(raw.category)) {
    push("category", "invalid_category", `Category must be one of ${TEMPLATE_CATEGORIES.join(", ")}.`);
    topLevelReported.add("category");
  }
  if (
    raw.parameter_format !== undefined &&
    !(PARAMETER_FORMATS as readonly unknown[]).includes(raw.parameter_format)
  ) {
    push("parameter_format", "invalid_parameter_format", "parameter_format must be POSITIONAL or NAMED.");
    topLevelReported.add("parameter_format");
  }

  // Shape check with the top-level enums relaxed, so a bad language/category (already reported above)
  // does not hide the component errors.
  const parsed = RelaxedDefinitionSchema.safeParse(def);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      const first = String(issue.path[0] ?? "");
      if (issue.path.length === 1 && topLevelReported.has(first)) continue;
      if (issue.code === "invalid_union" && issue.path[issue.path.length - 1] === "type") {
        const isButton = issue.path.includes("buttons");
        push(
          path,
          isButton ? "unsupported_button_type" : "unsupported_component_type",
          isButton
            ? "Button type must be QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE or OTP."
            : "Component type must be HEADER, BODY, FOOTER or BUTTONS (uppercase).",
        );
        continue;
      }
      push(path, "invalid_shape", issue.message);
    }
    return { ok: false, errors };
  }

  if (!topLevelReported.has("category") && !topLevelReported.has("parameter_format")) {
    checkTemplate(parsed.data as TemplateDefinition, push);
  }
  if (errors.length > 0) return { ok: false, errors };
  // Everything is valid, so the strict schema parses too; use it for the precise type.
  return { ok: true, template: TemplateDefinitionSchema.parse(def) };
}

const RelaxedDefinitionSchema = TemplateDefinitionSchema.extend({
  name: z.unknown().optional(),
  language: z.unknown().optional(),
  category: z.unknown().optional(),
  parameter_format: z.unknown().optional(),
});

function checkTemplate(t: TemplateDefinition, push: Push): void {
  const format = parameterFormatOf(t);
  const seen = new Map<string, number>();
  t.components.forEach((c, i) => {
    if (seen.has(c.type))
      push(`components.${i}`, "duplicate_component", `Only one ${c.type} component is allowed.`);
    else seen.set(c.type, i);
  });
  if (!seen.has("BODY")) push("components", "missing_body", "A BODY component is required.");

  t.components.forEach((c, i) => {
    // Only the first component of each type is checked; duplicates are already reported.
    if (seen.get(c.type) !== i) return;
    const path = `components.${i}`;
    switch (c.type) {
      case "HEADER":
        checkHeader(c, path, t.category, format, push);
        break;
      case "BODY":
        checkBody(c, path, t.category, format, push);
        break;
      case "FOOTER":
        checkFooter(c, path, t.category, push);
        break;
      case "BUTTONS":
        checkButtons(c, path, t.category, push);
        break;
    }
  });

  if (t.category === "AUTHENTICATION" && !seen.has("BUTTONS")) {
    push("components", "auth_requires_otp_button", "AUTHENTICATION templates need one OTP button.");
  }
}

// ------------------------------------------------------------------------------------------------ header

export function checkHeader(
  h: HeaderComponent,
  path: string,
  category: TemplateCategory,
  format: ParameterFormat,
  push: Push,
): void {
  if (category === "AUTHENTICATION") {
    push(
      path,
      "auth_header_not_allowed",
      "AUTHENTICATION templates cannot have a header (no text, media or location).",
    );
    return;
  }
  if (h.format !== "TEXT") {
    if (h.text !== undefined)
      push(`${path}.text`, "unexpected_header_text", `A ${h.format} header has no text.`);
    if (h.format === "LOCATION") return;
    const handle = h.example?.header_handle?.[0];
    if (!handle || handle.trim() === "") {
      push(
        `${path}.example.header_handle`,
        "missing_media_example",
        `A ${h.format} header needs a sample media handle in example.header_handle.`,
      );
    }
    return;
  }

  const text = h.text;
  if (text === undefined || text.trim() === "") {
    push(`${path}.text`, "header_text_required", "A TEXT header needs text.");
    return;
  }
  const textPath = `${path}.text`;
  if (text.length > LIMITS.headerTextMaxLength) {
    push(
      textPath,
      "header_too_long",
      `Header text must be at most ${LIMITS.headerTextMaxLength} characters.`,
    );
  }
  // The brief's rule (newlines, tabs, 4+ consecutive spaces); Meta's wording for parameters is "more than 4".
  if (NEWLINE_OR_TAB_RE.test(text) || / {4,}/.test(text)) {
    push(
      textPath,
      "header_invalid_whitespace",
      "Header text cannot contain newlines, tabs or 4 or more consecutive spaces.",
    );
  }
  // Meta: "Do not use Markdown special characters in this component"; emojis are not rendered in headers.
  const stripped = text.replace(TOKEN_RE, "");
  if (EMOJI_RE.test(stripped) || MARKDOWN_RE.test(stripped)) {
    push(
      textPath,
      "header_formatting_not_allowed",
      "Header text cannot contain emojis or formatting characters (* _ ~ `).",
    );
  }
  const names = checkVariableSyntax(text, textPath, format, push);
  if (names === undefined) return;
  if (names.length > LIMITS.headerMaxVariables) {
    push(textPath, "header_too_many_variables", "Header text supports at most one variable.");
    return;
  }
  checkSequence(names, textPath, format, push);
  checkExamples(
    names,
    format,
    `${path}.example`,
    format === "POSITIONAL" ? h.example?.header_text : undefined,
    format === "NAMED" ? h.example?.header_text_named_params : undefined,
    format === "POSITIONAL" ? "header_text" : "header_text_named_params",
    push,
  );
}
