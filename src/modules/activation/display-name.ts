/**
 * Display-name pre-check against Meta's display-name rules, before a name goes to WhatsApp's review:
 * each finding says which rule and why, so the tenant fixes it now instead of waiting 1-2 days for a
 * rejection. `block` findings are rejections Meta states as rules; `warn` ones are frequent causes.
 */
import { readFileSync } from "node:fs";

export interface DisplayNameFinding {
  code: string;
  severity: "block" | "warn";
  message: string;
}

const WORDS = JSON.parse(readFileSync(new URL("./display-name-words.json", import.meta.url), "utf8")) as {
  generic: string[];
  places: string[];
  brands: string[];
};

const normal = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();

const words = (text: string) =>
  normal(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1);

/** Words that tie a name to the business: its legal name and its website's domain. */
function businessWords(business: { legalName?: string | undefined; website?: string | undefined }) {
  const domain =
    (business.website ?? "")
      .replace(/^https?:\/\//i, "")
      .replace(/^www\./i, "")
      .split(/[/.]/)[0] ?? "";
  return new Set([...words(business.legalName ?? ""), ...words(domain)]);
}

type Check = (
  name: string,
  business: { legalName?: string | undefined; website?: string | undefined },
) => DisplayNameFinding | null;

const finding = (code: string, severity: "block" | "warn", message: string): DisplayNameFinding => ({
  code,
  severity,
  message,
});

const CHECKS: Check[] = [
  (name) =>
    name.trim().length < 3 || name.length > 75
      ? finding("length", "block", "A display name has 3 to 75 characters.")
      : null,
  (name) =>
    name !== name.trim() || /\s{2,}/.test(name)
      ? finding("whitespace", "block", "No leading, trailing or repeated spaces.")
      : null,
  (name) =>
    /\p{Extended_Pictographic}/u.test(name)
      ? finding("emoji", "block", "Emojis are not allowed in a display name.")
      : null,
  (name) =>
    /[~!@#$%^*_+=[\]{}|\\<>?"]/.test(name)
      ? finding(
          "special_characters",
          "block",
          "Only letters, numbers and simple punctuation (. , & ' - ( ) :) are allowed.",
        )
      : null,
  (name) =>
    /(https?:\/\/|www\.|\.(com|net|org|io|ar|br|mx|es)\b)/i.test(name)
      ? finding("url", "block", "A display name cannot be a URL or contain one.")
      : null,
  (name) =>
    /\+?\d[\d\s-]{6,}\d/.test(name)
      ? finding("phone_number", "block", "A display name cannot contain a phone number.")
      : null,
  (name) => {
    const letters = name.replace(/[^\p{L}]/gu, "");
    return letters.length > 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
      ? finding(
          "all_caps",
          "block",
          "Only acronyms of up to 4 letters may be all capitals; write the rest in mixed case.",
        )
      : null;
  },
  (name) =>
    WORDS.brands.some((brand) => words(name).includes(brand))
      ? finding(
          "meta_brand",
          "block",
          "WhatsApp, Facebook, Meta, Instagram or Messenger may not appear in your name.",
        )
      : null,
  (name) =>
    WORDS.generic.includes(normal(name))
      ? finding(
          "generic",
          "block",
          "A generic term alone is not a name: add your brand (e.g. 'Zapatos Luna').",
        )
      : null,
  (name) =>
    WORDS.places.includes(normal(name))
      ? finding("location_only", "block", "A place alone is not a name: it must identify your business.")
      : null,
  (name, business) => {
    const own = businessWords(business);
    if (own.size === 0) return null;
    return words(name).some((word) => own.has(word))
      ? null
      : finding(
          "no_business_relation",
          "warn",
          "The name shares no word with your legal name or website: WhatsApp rejects names it cannot tie to the business. Show the relation on your website or use your brand.",
        );
  },
  (name) =>
    /\b(official|oficial)\b/i.test(name)
      ? finding(
          "official_claim",
          "warn",
          "Words like 'Official' are often rejected unless the business is the brand's owner.",
        )
      : null,
];

/** Every finding of Meta's display-name rules for this name; `ok` when none blocks. */
export function checkDisplayName(
  name: string,
  business: { legalName?: string | undefined; website?: string | undefined } = {},
): { ok: boolean; findings: DisplayNameFinding[] } {
  const findings = CHECKS.map((check) => check(name, business)).filter(
    (found): found is DisplayNameFinding => found !== null,
  );
  return { ok: !findings.some((found) => found.severity === "block"), findings };
}
