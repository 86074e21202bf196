import type { Push } from "./rule-codes.ts";
import {
  EMOJI_RE,
  extractVariables,
  hasMalformedBraces,
  isValidVariableName,
  minimumWordsForVariables,
  TOKEN_RE,
  variableNames,
  wordCount,
} from "./rule-text.ts";
import {
  type BodyComponent,
  LIMITS,
  type NamedParamExample,
  type ParameterFormat,
  type TemplateCategory,
} from "./types.ts";

// -------------------------------------------------------------------------------------------------- body

export function checkBody(
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
export function checkVariableSyntax(
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

export function checkSequence(names: string[], path: string, format: ParameterFormat, push: Push): void {
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

export function checkExamples(
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
