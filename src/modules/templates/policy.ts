/**
 * The platform's own policy review of a (valid) template, run before the template goes to Meta.
 * Verdict: `flag` when any finding has severity `block` (a human must look before it is submitted);
 * `pass` otherwise, possibly with `warn` findings to show the author.
 */
import {
  DEFAULT_OPT_OUT_TERMS,
  DEFAULT_PROHIBITED_CATEGORIES,
  DEFAULT_PROMOTIONAL_TERMS,
  DEFAULT_URL_SHORTENERS,
  type PolicyLanguage,
  type PolicySeverity,
  type ProhibitedCategory,
} from "./prohibited-content.ts";
import type { TemplateDefinition } from "./types.ts";

export {
  DEFAULT_OPT_OUT_TERMS,
  DEFAULT_PROHIBITED_CATEGORIES,
  DEFAULT_PROMOTIONAL_TERMS,
  DEFAULT_URL_SHORTENERS,
  type PolicyLanguage,
  type PolicySeverity,
  type ProhibitedCategory,
};

export const POLICY_RULES = [
  "prohibited_content",
  "utility_promotional_content",
  "marketing_missing_opt_out",
  "url_shortener",
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export type PolicyFinding = {
  rule: PolicyRule;
  severity: PolicySeverity;
  path: string;
  message: string;
  /** The text that matched, as written in the template. */
  match?: string;
  /** For `prohibited_content`: the category id. */
  category?: string;
};

export type PolicyReview = { verdict: "pass" | "flag"; findings: PolicyFinding[] };

export type TermLists = Partial<Record<PolicyLanguage, readonly string[]>>;

export type PolicyOptions = {
  /** Prohibited categories; default `DEFAULT_PROHIBITED_CATEGORIES`. Pass `[]` to disable. */
  prohibited?: readonly ProhibitedCategory[];
  promotionalTerms?: TermLists;
  optOutTerms?: TermLists;
  urlShorteners?: readonly string[];
  /**
   * Which keyword languages to scan. Default: the template's language family plus English (English brand
   * and product words are common everywhere); all three when the template is in another language.
   */
  languages?: readonly PolicyLanguage[];
  /** Severity of promotional wording in a UTILITY template; default `block` (it is miscategorised). */
  utilityPromotionSeverity?: PolicySeverity;
  /** Warn when a MARKETING template tells no way to stop messages; default true. */
  requireMarketingOptOut?: boolean;
};

// ------------------------------------------------------------------------------------------- matching

type Normalized = { text: string; map: number[] };

/** Lowercase, strip accents; `map[i]` is the index in the original text of normalized char `i`. */
export function normalizeText(text: string): Normalized {
  let out = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (let k = 0; k < n.length; k++) map.push(i);
    out += n;
    i += ch.length;
  }
  map.push(text.length);
  return { text: out, map };
}

const regexCache = new Map<string, RegExp>();

/** Whole-word, accent- and case-insensitive matcher for one term ("armas" never matches "alarmas"). */
export function termRegex(term: string): RegExp {
  const cached = regexCache.get(term);
  if (cached) return cached;
  const norm = normalizeText(term.trim()).text;
  const body = norm
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  const before = /^[\p{L}\p{N}]/u.test(norm) ? "(?<![\\p{L}\\p{N}])" : "";
  const after = /[\p{L}\p{N}]$/u.test(norm) ? "(?![\\p{L}\\p{N}])" : "";
  const re = new RegExp(`${before}${body}${after}`, "u");
  regexCache.set(term, re);
  return re;
}

/** First term found in `text`, returned as the original substring. */
export function findTerm(text: string, terms: readonly string[]): string | undefined {
  const n = normalizeText(text);
  let best: { at: number; end: number } | undefined;
  for (const term of terms) {
    if (term.trim() === "") continue;
    const m = termRegex(term).exec(n.text);
    if (m && (best === undefined || m.index < best.at)) best = { at: m.index, end: m.index + m[0].length };
  }
  if (!best) return undefined;
  return text.slice(n.map[best.at] ?? 0, n.map[best.end] ?? text.length);
}

// --------------------------------------------------------------------------------------------- texts

type Text = { path: string; text: string; kind: "content" | "example" | "url" | "quick_reply" };

/** Every piece of author-written text in a template, with its path. Examples are scanned too. */
function collectTexts(t: TemplateDefinition): Text[] {
  const out: Text[] = [];
  t.components.forEach((c, i) => {
    const p = `components.${i}`;
    switch (c.type) {
      case "HEADER":
        if (c.text !== undefined) out.push({ path: `${p}.text`, text: c.text, kind: "content" });
        for (const [j, e] of (c.example?.header_text ?? []).entries()) {
          out.push({ path: `${p}.example.header_text.${j}`, text: e, kind: "example" });
        }
        for (const [j, e] of (c.example?.header_text_named_params ?? []).entries()) {
          out.push({
            path: `${p}.example.header_text_named_params.${j}.example`,
            text: e.example,
            kind: "example",
          });
        }
        break;
      case "BODY":
        if (c.text !== undefined) out.push({ path: `${p}.text`, text: c.text, kind: "content" });
        for (const [r, row] of (c.example?.body_text ?? []).entries()) {
          for (const [j, e] of row.entries()) {
            out.push({ path: `${p}.example.body_text.${r}.${j}`, text: e, kind: "example" });
          }
        }
        for (const [j, e] of (c.example?.body_text_named_params ?? []).entries()) {
          out.push({
            path: `${p}.example.body_text_named_params.${j}.example`,
            text: e.example,
            kind: "example",
          });
        }
        break;
      case "FOOTER":
        if (c.text !== undefined) out.push({ path: `${p}.text`, text: c.text, kind: "content" });
        break;
      case "BUTTONS":
        c.buttons.forEach((b, j) => {
          const bp = `${p}.buttons.${j}`;
          switch (b.type) {
            case "QUICK_REPLY":
              out.push({ path: `${bp}.text`, text: b.text, kind: "quick_reply" });
              break;
            case "URL":
              out.push({ path: `${bp}.text`, text: b.text, kind: "content" });
              out.push({ path: `${bp}.url`, text: b.url, kind: "url" });
              for (const [k, e] of (b.example ?? []).entries()) {
                out.push({ path: `${bp}.example.${k}`, text: e, kind: "url" });
              }
              break;
            case "PHONE_NUMBER":
              out.push({ path: `${bp}.text`, text: b.text, kind: "content" });
              break;
            case "COPY_CODE":
              out.push({ path: `${bp}.example`, text: b.example, kind: "example" });
              break;
            case "OTP":
              if (b.text !== undefined) out.push({ path: `${bp}.text`, text: b.text, kind: "content" });
              if (b.autofill_text !== undefined) {
                out.push({ path: `${bp}.autofill_text`, text: b.autofill_text, kind: "content" });
              }
              break;
          }
        });
        break;
    }
  });
  return out;
}

function languagesFor(t: TemplateDefinition, options: PolicyOptions): PolicyLanguage[] {
  if (options.languages) return [...options.languages];
  const family = t.language.split("_")[0];
  if (family === "es" || family === "pt") return [family, "en"];
  if (family === "en") return ["en"];
  return ["es", "en", "pt"];
}

function termsFor(lists: TermLists, langs: readonly PolicyLanguage[]): string[] {
  return [...new Set(langs.flatMap((l) => lists[l] ?? []))];
}

// One pass over maximal runs of host characters: linear in the text. A pattern that nests
// repetitions to find the labels ((label\.)+tld) backtracks quadratically on a long run of letters.
const HOST_RUN_RE = /[a-z0-9.-]+/gi;
const TLD_RE = /^[a-z]{2,}$/;

/** The host a run of host characters names, or undefined when it is not a domain name. */
function hostOf(run: string): string | undefined {
  let start = 0;
  let end = run.length;
  while (start < end && (run[start] === "." || run[start] === "-")) start++;
  while (end > start && (run[end - 1] === "." || run[end - 1] === "-")) end--;
  const host = run.slice(start, end).toLowerCase();
  const labels = host.split(".");
  if (labels.length < 2 || !TLD_RE.test(labels.at(-1) ?? "")) return undefined;
  if (labels.some((label) => label === "" || label.startsWith("-") || label.endsWith("-"))) return undefined;
  return host.startsWith("www.") ? host.slice(4) : host;
}

function shortenerIn(text: string, shorteners: readonly string[]): string | undefined {
  for (const m of text.matchAll(HOST_RUN_RE)) {
    const host = hostOf(m[0]);
    if (host && shorteners.some((s) => host === s || host.endsWith(`.${s}`))) return m[0];
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------ entry

export function reviewPolicy(template: TemplateDefinition, options: PolicyOptions = {}): PolicyReview {
  const findings: PolicyFinding[] = [];
  const langs = languagesFor(template, options);
  const texts = collectTexts(template);
  const prohibited = options.prohibited ?? DEFAULT_PROHIBITED_CATEGORIES;

  for (const category of prohibited) {
    const terms = termsFor(category.keywords, langs);
    for (const t of texts) {
      const match = findTerm(t.text, terms);
      if (match !== undefined) {
        findings.push({
          rule: "prohibited_content",
          severity: category.severity ?? "block",
          path: t.path,
          message: `Mentions ${category.label.toLowerCase()} ("${match}"), which WhatsApp's Commerce and Business policies do not allow.`,
          match,
          category: category.id,
        });
      }
    }
  }

  if (template.category === "UTILITY") {
    const terms = termsFor(options.promotionalTerms ?? DEFAULT_PROMOTIONAL_TERMS, langs);
    for (const t of texts) {
      if (t.kind === "url") continue;
      const match = findTerm(t.text, terms);
      if (match !== undefined) {
        findings.push({
          rule: "utility_promotional_content",
          severity: options.utilityPromotionSeverity ?? "block",
          path: t.path,
          message: `Promotional wording ("${match}") in a UTILITY template: it should be MARKETING, or Meta will re-categorise or reject it.`,
          match,
        });
      }
    }
  }

  if (template.category === "MARKETING" && (options.requireMarketingOptOut ?? true)) {
    const terms = termsFor(options.optOutTerms ?? DEFAULT_OPT_OUT_TERMS, langs);
    const candidates = texts.filter(
      (t) => t.kind === "quick_reply" || (t.kind === "content" && !t.path.includes(".buttons.")),
    );
    if (!candidates.some((t) => findTerm(t.text, terms) !== undefined)) {
      const footer = template.components.findIndex((c) => c.type === "FOOTER");
      findings.push({
        rule: "marketing_missing_opt_out",
        severity: "warn",
        path: footer >= 0 ? `components.${footer}.text` : "components",
        message:
          'MARKETING templates should tell how to stop messages, e.g. a footer "Responde BAJA para no recibir más", "Reply STOP to unsubscribe", "Responda SAIR", or a "Stop promotions" quick reply.',
      });
    }
  }

  const shorteners = options.urlShorteners ?? DEFAULT_URL_SHORTENERS;
  for (const t of texts) {
    const match = shortenerIn(t.text, shorteners);
    if (match !== undefined) {
      findings.push({
        rule: "url_shortener",
        severity: "warn",
        path: t.path,
        message: `Link shortener ("${match}") hides the destination; use the full link of your own domain.`,
        match,
      });
    }
  }

  return { verdict: findings.some((f) => f.severity === "block") ? "flag" : "pass", findings };
}
