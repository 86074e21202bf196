import { en as baseEn } from "./en";
import { es as baseEs } from "./es";
import { pt as basePt } from "./pt";

type Messages = Record<string, unknown>;

/** One area's strings in every language: `areas/<area>.ts` default-exports one of these. */
export interface AreaMessages {
  en: Messages;
  es: Messages;
  pt: Messages;
}

// Each area keeps its own file so work on one area never edits another's strings.
const areaFiles = import.meta.glob<{ default: AreaMessages }>("./areas/*.ts", { eager: true });

function withAreas(base: Messages, language: keyof AreaMessages): Messages {
  const merged: Messages = { ...base };
  for (const [file, { default: area }] of Object.entries(areaFiles)) {
    for (const [key, value] of Object.entries(area[language])) {
      if (key in merged) throw new Error(`${file}: the key "${key}" is already defined`);
      merged[key] = value;
    }
  }
  return merged;
}

export const en = withAreas(baseEn, "en");
export const es = withAreas(baseEs, "es");
export const pt = withAreas(basePt, "pt");
