import { readFileSync } from "node:fs";

/**
 * Default word lists for the platform's own policy review (`policy.ts`), kept as data in
 * `prohibited-content.json` (edit them there). A platform can replace
 * or extend any list through `reviewPolicy` options. Terms are matched accent- and case-insensitively on
 * whole words ("armas" matches "Armas", never "alarmas"); list plural forms explicitly. Keep terms
 * unambiguous: words with an everyday second meaning ("vino" = came, "sale" = leaves, "ron" = a name)
 * are left out or only listed inside a phrase.
 */

export type PolicyLanguage = "es" | "en" | "pt";
export type PolicySeverity = "block" | "warn";

export type ProhibitedCategory = {
  id: string;
  label: string;
  /** Defaults to "block". */
  severity?: PolicySeverity;
  keywords: Partial<Record<PolicyLanguage, readonly string[]>>;
};

interface DefaultLists {
  prohibitedCategories: ProhibitedCategory[];
  promotionalTerms: Record<PolicyLanguage, string[]>;
  optOutTerms: Record<PolicyLanguage, string[]>;
  urlShorteners: string[];
}

const lists = JSON.parse(
  readFileSync(new URL("./prohibited-content.json", import.meta.url), "utf8"),
) as DefaultLists;

export const DEFAULT_PROHIBITED_CATEGORIES: readonly ProhibitedCategory[] = lists.prohibitedCategories;

/** Promotional wording: in a UTILITY template it means the category is wrong. */
export const DEFAULT_PROMOTIONAL_TERMS: Readonly<Record<PolicyLanguage, readonly string[]>> =
  lists.promotionalTerms;

/** Opt-out / how-to-stop wording a MARKETING template should carry (body, footer or a quick reply). */
export const DEFAULT_OPT_OUT_TERMS: Readonly<Record<PolicyLanguage, readonly string[]>> = lists.optOutTerms;

/** Link shorteners hide the destination; Meta's reviewers and users distrust them. */
export const DEFAULT_URL_SHORTENERS: readonly string[] = lists.urlShorteners;
