/** Template variables ({{1}}, {{name}}) and the text rules shared by every component check. */
import type { ParameterFormat } from "./types.ts";
// ------------------------------------------------------------------------------------------- variables

/** A `{{...}}` token found in a text. `name` is the raw inner text (`1`, `first_name`). */
export type VariableToken = { name: string; start: number; end: number };

export const TOKEN_RE = /\{\{([^{}]*)\}\}/g;
export const POSITIONAL_NAME_RE = /^[1-9][0-9]*$/;
/** Named parameters: lowercase letters, digits and underscores, starting with a letter (digits: chosen). */
export const NAMED_NAME_RE = /^[a-z][a-z0-9_]*$/;

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
export function hasMalformedBraces(text: string): boolean {
  const stripped = text.replace(TOKEN_RE, " ");
  return stripped.includes("{{") || stripped.includes("}}");
}

// ------------------------------------------------------------------------------------------- text rules

export const NEWLINE_OR_TAB_RE = /[\n\r\t]/;
export const EMOJI_RE = /\p{Extended_Pictographic}/u;
export const MARKDOWN_RE = /[*_~`]/;

/** Meta's word/parameter ratio is not published; this is the widely used `words + params >= 3n + 1`. */
export function minimumWordsForVariables(variableCount: number): number {
  return variableCount * 3 + 1;
}

export function wordCount(textWithoutVariables: string): number {
  return textWithoutVariables.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}
