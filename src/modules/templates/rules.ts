/**
 * Meta's content rules for template definitions: one stable `code` per rule, one error per offending field.
 * `validateTemplate` first checks the shape with the zod schemas of `types.ts`, then every content rule.
 */
import { z } from "zod";
import {
  type BodyComponent,
  type ButtonsComponent,
  type FieldError,
  type FooterComponent,
  type HeaderComponent,
  isSupportedLanguage,
  LIMITS,
  type NamedParamExample,
  PARAMETER_FORMATS,
  type ParameterFormat,
  parameterFormatOf,
  TEMPLATE_CATEGORIES,
  type TemplateButton,
  type TemplateCategory,
  type TemplateDefinition,
  TemplateDefinitionSchema,
} from "./types.ts";

export const TEMPLATE_ERROR_CODES = [
  // shape
  "invalid_shape",
  "unsupported_component_type",
  "unsupported_button_type",
  // top level
  "name_required",
  "invalid_name",
  "name_too_long",
  "unsupported_language",
  "invalid_category",
  "invalid_parameter_format",
  "duplicate_component",
  "missing_body",
  // header
  "header_text_required",
  "header_too_long",
  "header_too_many_variables",
  "header_invalid_whitespace",
  "header_formatting_not_allowed",
  "unexpected_header_text",
  "missing_media_example",
  // body
  "body_text_required",
  "body_too_long",
  // variables and examples (header and body)
  "invalid_variable",
  "malformed_variable",
  "non_sequential_variables",
  "variable_at_start",
  "variable_at_end",
  "adjacent_variables",
  "too_many_variables",
  "missing_example",
  "example_count_mismatch",
  "example_name_mismatch",
  "empty_example",
  "unexpected_example",
  // footer
  "footer_text_required",
  "footer_too_long",
  "footer_has_variables",
  // buttons
  "empty_buttons",
  "too_many_buttons",
  "too_many_quick_replies",
  "too_many_url_buttons",
  "too_many_phone_buttons",
  "too_many_copy_code_buttons",
  "quick_replies_not_grouped",
  "button_text_required",
  "button_text_too_long",
  "button_text_invalid",
  "duplicate_button_text",
  "invalid_url",
  "url_too_long",
  "url_too_many_variables",
  "url_variable_not_at_end",
  "url_variable_in_domain",
  "invalid_example",
  "invalid_phone_number",
  "phone_number_too_long",
  "invalid_copy_code_example",
  "copy_code_not_allowed",
  "otp_button_not_allowed",
  // authentication
  "auth_requires_otp_button",
  "auth_button_not_allowed",
  "auth_header_not_allowed",
  "auth_body_invalid",
  "auth_footer_text_not_allowed",
  "auth_option_not_allowed",
  "invalid_code_expiration",
  "one_tap_missing_app",
  "invalid_package_name",
  "invalid_signature_hash",
  "zero_tap_terms_not_accepted",
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

export type TemplateError = FieldError & { code: TemplateErrorCode };
export type ValidationResult =
  | { ok: true; template: TemplateDefinition }
  | { ok: false; errors: TemplateError[] };

// ------------------------------------------------------------------------------------------- variables

/** A `{{...}}` token found in a text. `name` is the raw inner text (`1`, `first_name`). */
export type VariableToken = { name: string; start: number; end: number };

const TOKEN_RE = /\{\{([^{}]*)\}\}/g;
const POSITIONAL_NAME_RE = /^[1-9][0-9]*$/;
/** Named parameters: lowercase letters, digits and underscores, starting with a letter (digits: chosen). */
const NAMED_NAME_RE = /^[a-z][a-z0-9_]*$/;

export function extractVariables(text: string): VariableToken[] {
  const out: VariableToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    out.push({ name: m[1] ?? "", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function isValidVariableName(name: string, format: ParameterFormat): boolean {
  return format === "POSITIONAL" ? POSITIONAL_NAME_RE.test(name) : NAMED_NAME_RE.test(name);
}

/**
 * The parameters a text expects, in the order a sender must supply them: positional `1..n` sorted
 * numerically, named in order of first appearance. Repeated variables count once.
 */
export function variableNames(text: string | undefined, format: ParameterFormat): string[] {
  if (!text) return [];
  const names = [...new Set(extractVariables(text).map((v) => v.name))];
  return format === "POSITIONAL" ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** Text with `{{...}}` tokens removed still holding `{{` or `}}`: a broken variable. */
function hasMalformedBraces(text: string): boolean {
  const stripped = text.replace(TOKEN_RE, " ");
  return stripped.includes("{{") || stripped.includes("}}");
}

// ------------------------------------------------------------------------------------------- text rules

const NEWLINE_OR_TAB_RE = /[\n\r\t]/;
const EMOJI_RE = /\p{Extended_Pictographic}/u;
const MARKDOWN_RE = /[*_~`]/;

/** Meta's word/parameter ratio is not published; this is the widely used `words + params >= 3n + 1`. */
export function minimumWordsForVariables(variableCount: number): number {
  return variableCount * 3 + 1;
}

function wordCount(textWithoutVariables: string): number {
  return textWithoutVariables.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

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

type Push = (path: string, code: TemplateErrorCode, message: string) => void;

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

function checkHeader(
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

// -------------------------------------------------------------------------------------------------- body

function checkBody(
  b: BodyComponent,
  path: string,
  category: TemplateCategory,
  format: ParameterFormat,
  push: Push,
): void {
  const textPath = `${path}.text`;
  if (category === "AUTHENTICATION") {
    // Meta presets the body ("{{1}} is your verification code."). Synced copies carry that text: accept it
    // when its only variable is the code.
    if (b.text !== undefined) {
      const names = extractVariables(b.text).map((v) => v.name);
      if (names.length === 0 || names.some((n) => n !== "1") || hasMalformedBraces(b.text)) {
        push(
          textPath,
          "auth_body_invalid",
          "An AUTHENTICATION body may only contain the code variable {{1}}.",
        );
      }
      if (/https?:\/\/|www\./i.test(b.text) || EMOJI_RE.test(b.text)) {
        push(textPath, "auth_body_invalid", "AUTHENTICATION bodies cannot contain URLs or emojis.");
      }
    }
    if (b.example?.body_text_named_params) {
      push(`${path}.example`, "auth_body_invalid", "AUTHENTICATION bodies do not take named parameters.");
    }
    return;
  }
  if (b.add_security_recommendation !== undefined) {
    push(
      `${path}.add_security_recommendation`,
      "auth_option_not_allowed",
      "add_security_recommendation is only for AUTHENTICATION templates.",
    );
  }
  const text = b.text;
  if (text === undefined || text.trim() === "") {
    push(textPath, "body_text_required", "BODY text is required.");
    return;
  }
  if (text.length > LIMITS.bodyMaxLength) {
    push(textPath, "body_too_long", `Body text must be at most ${LIMITS.bodyMaxLength} characters.`);
  }
  const names = checkVariableSyntax(text, textPath, format, push);
  if (names === undefined) return;
  checkSequence(names, textPath, format, push);

  const tokens = extractVariables(text);
  if (tokens.length > 0) {
    const trimmedStart = text.length - text.trimStart().length;
    const trimmedEnd = text.trimEnd().length;
    if (tokens[0]?.start === trimmedStart) {
      push(textPath, "variable_at_start", "Body text cannot start with a variable.");
    }
    if (tokens[tokens.length - 1]?.end === trimmedEnd) {
      push(textPath, "variable_at_end", "Body text cannot end with a variable.");
    }
    for (let i = 1; i < tokens.length; i++) {
      const prev = tokens[i - 1];
      const cur = tokens[i];
      if (prev && cur && text.slice(prev.end, cur.start).trim() === "") {
        push(
          textPath,
          "adjacent_variables",
          `Variables {{${prev.name}}} and {{${cur.name}}} cannot be next to each other.`,
        );
        break;
      }
    }
    const words = wordCount(text.replace(TOKEN_RE, " "));
    const needed = minimumWordsForVariables(tokens.length);
    if (words + tokens.length < needed) {
      push(
        textPath,
        "too_many_variables",
        `Too many variables for the length of the text: ${tokens.length} variables need at least ${needed} words plus variables (found ${words + tokens.length}).`,
      );
    }
  }
  checkExamples(
    names,
    format,
    `${path}.example`,
    format === "POSITIONAL" ? b.example?.body_text?.[0] : undefined,
    format === "NAMED" ? b.example?.body_text_named_params : undefined,
    format === "POSITIONAL" ? "body_text" : "body_text_named_params",
    push,
    format === "POSITIONAL"
      ? b.example?.body_text_named_params !== undefined
      : b.example?.body_text !== undefined,
  );
}

/** Checks each token's syntax; returns the distinct names, or undefined when a token is invalid. */
function checkVariableSyntax(
  text: string,
  path: string,
  format: ParameterFormat,
  push: Push,
): string[] | undefined {
  let ok = true;
  if (hasMalformedBraces(text)) {
    push(path, "malformed_variable", "Unbalanced or nested braces: variables are written {{1}} or {{name}}.");
    ok = false;
  }
  for (const v of extractVariables(text)) {
    if (!isValidVariableName(v.name, format)) {
      push(
        path,
        "invalid_variable",
        format === "POSITIONAL"
          ? `{{${v.name}}} is not a positional variable: use {{1}}, {{2}}, ... (or set parameter_format NAMED).`
          : `{{${v.name}}} is not a named variable: use lowercase letters, digits and underscores, e.g. {{first_name}}.`,
      );
      ok = false;
    }
  }
  return ok ? variableNames(text, format) : undefined;
}

function checkSequence(names: string[], path: string, format: ParameterFormat, push: Push): void {
  if (format !== "POSITIONAL") return;
  const expected = names.map((_, i) => String(i + 1));
  if (names.join(",") !== expected.join(",")) {
    push(
      path,
      "non_sequential_variables",
      `Positional variables must be {{1}} to {{${names.length}}} without gaps (found ${names.map((n) => `{{${n}}}`).join(", ")}).`,
    );
  }
}

function checkExamples(
  names: string[],
  format: ParameterFormat,
  path: string,
  positional: string[] | undefined,
  named: NamedParamExample[] | undefined,
  key: string,
  push: Push,
  wrongKindGiven = false,
): void {
  const examplePath = `${path}.${key}`;
  if (names.length === 0) {
    if ((positional && positional.length > 0) || (named && named.length > 0)) {
      push(examplePath, "unexpected_example", "Examples were given but the text has no variables.");
    }
    return;
  }
  if (format === "POSITIONAL") {
    if (!positional) {
      push(
        examplePath,
        "missing_example",
        wrongKindGiven
          ? `Positional templates give examples in ${key}, not named params.`
          : `Every variable needs an example value in ${key}.`,
      );
      return;
    }
    if (positional.length !== names.length) {
      push(
        examplePath,
        "example_count_mismatch",
        `The text has ${names.length} variable(s) but ${positional.length} example value(s) were given.`,
      );
    }
    positional.forEach((v, i) => {
      if (v.trim() === "") push(`${examplePath}.${i}`, "empty_example", "Example values cannot be empty.");
    });
    return;
  }
  if (!named) {
    push(
      examplePath,
      "missing_example",
      wrongKindGiven
        ? `Named templates give examples in ${key} ({param_name, example}).`
        : `Every variable needs an example value in ${key}.`,
    );
    return;
  }
  if (named.length !== names.length) {
    push(
      examplePath,
      "example_count_mismatch",
      `The text has ${names.length} variable(s) but ${named.length} example value(s) were given.`,
    );
  }
  const given = new Set(named.map((n) => n.param_name));
  for (const n of names) {
    if (!given.has(n)) push(examplePath, "example_name_mismatch", `No example for {{${n}}}.`);
  }
  named.forEach((n, i) => {
    if (!names.includes(n.param_name)) {
      push(
        `${examplePath}.${i}`,
        "example_name_mismatch",
        `Example for {{${n.param_name}}}, which the text does not use.`,
      );
    }
    if (n.example.trim() === "")
      push(`${examplePath}.${i}`, "empty_example", "Example values cannot be empty.");
  });
}

// ------------------------------------------------------------------------------------------------ footer

function checkFooter(f: FooterComponent, path: string, category: TemplateCategory, push: Push): void {
  if (category === "AUTHENTICATION") {
    if (f.text !== undefined) {
      push(
        `${path}.text`,
        "auth_footer_text_not_allowed",
        "AUTHENTICATION footers are preset: only code_expiration_minutes.",
      );
    }
    const m = f.code_expiration_minutes;
    if (
      m !== undefined &&
      (!Number.isInteger(m) || m < LIMITS.codeExpirationMinutesMin || m > LIMITS.codeExpirationMinutesMax)
    ) {
      push(
        `${path}.code_expiration_minutes`,
        "invalid_code_expiration",
        `code_expiration_minutes must be a whole number from ${LIMITS.codeExpirationMinutesMin} to ${LIMITS.codeExpirationMinutesMax}.`,
      );
    }
    return;
  }
  if (f.code_expiration_minutes !== undefined) {
    push(
      `${path}.code_expiration_minutes`,
      "auth_option_not_allowed",
      "code_expiration_minutes is only for AUTHENTICATION templates.",
    );
  }
  const text = f.text;
  if (text === undefined || text.trim() === "") {
    push(`${path}.text`, "footer_text_required", "FOOTER text is required.");
    return;
  }
  if (text.length > LIMITS.footerMaxLength) {
    push(
      `${path}.text`,
      "footer_too_long",
      `Footer text must be at most ${LIMITS.footerMaxLength} characters.`,
    );
  }
  if (extractVariables(text).length > 0 || hasMalformedBraces(text)) {
    push(`${path}.text`, "footer_has_variables", "Footer text cannot contain variables.");
  }
}

// ----------------------------------------------------------------------------------------------- buttons

function checkButtons(c: ButtonsComponent, path: string, category: TemplateCategory, push: Push): void {
  const buttons = c.buttons;
  const bPath = `${path}.buttons`;
  if (buttons.length === 0) {
    push(bPath, "empty_buttons", "A BUTTONS component needs at least one button.");
    if (category === "AUTHENTICATION")
      push(bPath, "auth_requires_otp_button", "AUTHENTICATION templates need one OTP button.");
    return;
  }

  if (category === "AUTHENTICATION") {
    const otp = buttons.filter((b) => b.type === "OTP");
    if (otp.length !== 1) {
      push(bPath, "auth_requires_otp_button", "AUTHENTICATION templates need exactly one OTP button.");
    }
    buttons.forEach((b, i) => {
      if (b.type !== "OTP") {
        push(
          `${bPath}.${i}`,
          "auth_button_not_allowed",
          `AUTHENTICATION templates only allow an OTP button, not ${b.type}.`,
        );
      }
    });
  }

  if (buttons.length > LIMITS.buttonsMax) {
    push(bPath, "too_many_buttons", `At most ${LIMITS.buttonsMax} buttons are allowed.`);
  }
  const count = (type: TemplateButton["type"]) => buttons.filter((b) => b.type === type).length;
  if (count("QUICK_REPLY") > LIMITS.quickReplyMax) {
    push(bPath, "too_many_quick_replies", `At most ${LIMITS.quickReplyMax} quick reply buttons are allowed.`);
  }
  if (count("URL") > LIMITS.urlButtonsMax) {
    push(bPath, "too_many_url_buttons", `At most ${LIMITS.urlButtonsMax} URL buttons are allowed.`);
  }
  if (count("PHONE_NUMBER") > LIMITS.phoneButtonsMax) {
    push(
      bPath,
      "too_many_phone_buttons",
      `At most ${LIMITS.phoneButtonsMax} phone number button is allowed.`,
    );
  }
  if (count("COPY_CODE") > LIMITS.copyCodeButtonsMax) {
    push(
      bPath,
      "too_many_copy_code_buttons",
      `At most ${LIMITS.copyCodeButtonsMax} copy code button is allowed.`,
    );
  }
  // Quick replies and call-to-action buttons must form two groups (QR first or CTAs first), never mixed.
  const kinds = buttons.map((b) => (b.type === "QUICK_REPLY" ? "Q" : "C")).join("");
  if (/Q+C+Q|C+Q+C/.test(kinds)) {
    push(
      bPath,
      "quick_replies_not_grouped",
      "Quick reply buttons must be grouped together, not mixed between other buttons.",
    );
  }

  const labels = new Map<string, number>();
  buttons.forEach((b, i) => {
    const p = `${bPath}.${i}`;
    if (b.type === "QUICK_REPLY" || b.type === "URL" || b.type === "PHONE_NUMBER") {
      if (checkButtonText(b.text, `${p}.text`, push)) {
        const key = b.text.trim().toLowerCase();
        if (labels.has(key))
          push(`${p}.text`, "duplicate_button_text", `Button text "${b.text}" is used twice.`);
        else labels.set(key, i);
      }
    }
    switch (b.type) {
      case "URL":
        checkUrlButton(b.url, b.example, p, push);
        break;
      case "PHONE_NUMBER":
        if (b.phone_number.length > LIMITS.phoneNumberMaxLength) {
          push(
            `${p}.phone_number`,
            "phone_number_too_long",
            `Phone number must be at most ${LIMITS.phoneNumberMaxLength} characters.`,
          );
        } else if (!/^\+?[1-9][0-9]{6,18}$/.test(b.phone_number)) {
          push(
            `${p}.phone_number`,
            "invalid_phone_number",
            "Phone number must be in international format with country code, digits only (e.g. +5491123456789).",
          );
        }
        break;
      case "COPY_CODE":
        // Gupshup/Meta: COPY_CODE (coupon) buttons are for MARKETING; UTILITY cannot use them.
        if (category !== "MARKETING") {
          push(
            p,
            "copy_code_not_allowed",
            "Copy code (coupon) buttons are only allowed in MARKETING templates.",
          );
        }
        if (
          b.example.trim() === "" ||
          b.example.length > LIMITS.codeMaxLength ||
          extractVariables(b.example).length > 0
        ) {
          push(
            `${p}.example`,
            "invalid_copy_code_example",
            `Copy code example must be 1-${LIMITS.codeMaxLength} characters, without variables.`,
          );
        }
        break;
      case "OTP":
        if (category !== "AUTHENTICATION") {
          push(p, "otp_button_not_allowed", "OTP buttons are only allowed in AUTHENTICATION templates.");
          break;
        }
        checkOtpButton(b, p, push);
        break;
      case "QUICK_REPLY":
        break;
    }
  });
}

/** Returns true when the label is usable (so it can take part in the duplicate check). */
function checkButtonText(text: string, path: string, push: Push): boolean {
  if (text.trim() === "") {
    push(path, "button_text_required", "Button text is required.");
    return false;
  }
  let ok = true;
  if (text.length > LIMITS.buttonTextMaxLength) {
    push(
      path,
      "button_text_too_long",
      `Button text must be at most ${LIMITS.buttonTextMaxLength} characters.`,
    );
    ok = false;
  }
  if (NEWLINE_OR_TAB_RE.test(text) || extractVariables(text).length > 0 || hasMalformedBraces(text)) {
    push(path, "button_text_invalid", "Button text cannot contain variables, newlines or tabs.");
    ok = false;
  }
  return ok;
}

function checkUrlButton(url: string, example: string[] | undefined, path: string, push: Push): void {
  const urlPath = `${path}.url`;
  if (url.length > LIMITS.urlMaxLength) {
    push(urlPath, "url_too_long", `URL must be at most ${LIMITS.urlMaxLength} characters.`);
  }
  const tokens = extractVariables(url);
  if (tokens.length > 1) {
    push(
      urlPath,
      "url_too_many_variables",
      "A URL button supports one variable, {{1}}, at the end of the URL.",
    );
    return;
  }
  const token = tokens[0];
  if (hasMalformedBraces(url) || (token && token.name !== "1")) {
    push(urlPath, "invalid_variable", "The URL variable must be written {{1}}.");
    return;
  }
  if (token && token.end !== url.length) {
    push(urlPath, "url_variable_not_at_end", "The URL variable {{1}} must be at the very end of the URL.");
    return;
  }
  const prefix = token ? url.slice(0, token.start) : url;
  if (!isHttpUrl(token ? `${prefix}x` : url)) {
    push(urlPath, "invalid_url", "URL must be a valid http:// or https:// address.");
    return;
  }
  if (token) {
    // The variable may not change the host: compare the host with two different suffixes.
    if (new URL(`${prefix}a`).hostname !== new URL(`${prefix}b`).hostname) {
      push(
        urlPath,
        "url_variable_in_domain",
        "The URL variable cannot be part of the domain; add a / before {{1}}.",
      );
      return;
    }
    const sample = example?.[0];
    if (sample === undefined || sample.trim() === "") {
      push(`${path}.example`, "missing_example", "A URL with {{1}} needs a full example URL in example.");
    } else if (!sample.startsWith(prefix) || sample.length === prefix.length || !isHttpUrl(sample)) {
      push(
        `${path}.example`,
        "invalid_example",
        `The example must be the full URL: ${prefix} followed by a sample value.`,
      );
    } else if (sample.length > LIMITS.urlMaxLength) {
      push(
        `${path}.example`,
        "url_too_long",
        `The example URL must be at most ${LIMITS.urlMaxLength} characters.`,
      );
    }
  } else if (example !== undefined && example.length > 0) {
    push(`${path}.example`, "unexpected_example", "A URL without {{1}} takes no example.");
  }
}

const PACKAGE_NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;

function checkOtpButton(b: Extract<TemplateButton, { type: "OTP" }>, path: string, push: Push): void {
  for (const key of ["text", "autofill_text"] as const) {
    const v = b[key];
    if (v !== undefined) checkButtonText(v, `${path}.${key}`, push);
  }
  if (b.otp_type === "COPY_CODE") return;
  const apps = [
    ...(b.package_name !== undefined || b.signature_hash !== undefined
      ? [{ package_name: b.package_name ?? "", signature_hash: b.signature_hash ?? "", p: path }]
      : []),
    ...(b.supported_apps ?? []).map((a, i) => ({ ...a, p: `${path}.supported_apps.${i}` })),
  ];
  if (apps.length === 0) {
    push(
      path,
      "one_tap_missing_app",
      `${b.otp_type} buttons need the Android app: package_name and signature_hash (or supported_apps).`,
    );
  }
  for (const a of apps) {
    if (a.package_name.length > LIMITS.packageNameMaxLength || !PACKAGE_NAME_RE.test(a.package_name)) {
      push(
        `${a.p}.package_name`,
        "invalid_package_name",
        `package_name must be an Android package name like com.example.app (max ${LIMITS.packageNameMaxLength} characters).`,
      );
    }
    if (
      a.signature_hash.length !== LIMITS.signatureHashLength ||
      !/^[A-Za-z0-9+/=]+$/.test(a.signature_hash)
    ) {
      push(
        `${a.p}.signature_hash`,
        "invalid_signature_hash",
        `signature_hash must be the ${LIMITS.signatureHashLength}-character app signing key hash.`,
      );
    }
  }
  if (b.otp_type === "ZERO_TAP" && b.zero_tap_terms_accepted !== true) {
    push(
      `${path}.zero_tap_terms_accepted`,
      "zero_tap_terms_not_accepted",
      "ZERO_TAP buttons require zero_tap_terms_accepted: true.",
    );
  }
}
