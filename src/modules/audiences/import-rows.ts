import type { AppError } from "../../lib/problem.ts";
import { type BulkContact, toE164 } from "../contacts/index.ts";
import type { ColumnMapping, OptInDeclaration } from "./import-types.ts";

/** A contact read from one row, with the opt-in it carries (its own columns or the file's declaration). */
export interface ImportedContact extends BulkContact {
  optIn?: { source: string; at: Date };
}

/** Where each mapped field sits in a row (column indexes). */
export interface ResolvedMapping {
  phone: number;
  name?: number;
  attributes: [string, number][];
  tags?: number;
  language?: number;
  optInSource?: number;
  optInDate?: number;
}

const MAX_VALUE = 1000;
const LANGUAGE = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Column indexes of a mapping against the header; a mapped column missing from the header is named. */
export function resolveMapping(
  mapping: ColumnMapping,
  header: string[],
): { resolved: ResolvedMapping } | { missing: string } {
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  const find = (column: string | undefined) => (column === undefined ? undefined : index.get(column.trim()));
  const wanted = [
    mapping.phone,
    mapping.name,
    mapping.tags,
    mapping.language,
    mapping.optInSource,
    mapping.optInDate,
    ...Object.values(mapping.attributes ?? {}),
  ];
  const missing = wanted.find((column) => column !== undefined && find(column) === undefined);
  if (missing !== undefined) return { missing };
  return {
    resolved: {
      phone: find(mapping.phone) as number,
      name: find(mapping.name),
      attributes: Object.entries(mapping.attributes ?? {}).map(([key, column]) => [
        key,
        find(column) as number,
      ]),
      tags: find(mapping.tags),
      language: find(mapping.language),
      optInSource: find(mapping.optInSource),
      optInDate: find(mapping.optInDate),
    },
  };
}

function parseDate(text: string, now: Date): Date | string {
  if (!ISO_DATE.test(text)) return `opt-in date "${text.slice(0, 40)}" is not a date (use YYYY-MM-DD)`;
  const date = new Date(
    text.includes("T") || text.includes(" ") ? text.replace(" ", "T") : `${text}T00:00:00Z`,
  );
  if (Number.isNaN(date.getTime())) return `opt-in date "${text.slice(0, 40)}" is not a date`;
  if (date.getTime() > now.getTime() + 60_000) return "opt-in date is in the future";
  return date;
}

function rowOptIn(
  cell: (index: number | undefined) => string,
  mapping: ResolvedMapping,
  declaration: OptInDeclaration | undefined,
  now: Date,
): ImportedContact["optIn"] | string | undefined {
  const source = cell(mapping.optInSource);
  const dateText = cell(mapping.optInDate);
  if (source || dateText) {
    const at = dateText ? parseDate(dateText, now) : now;
    if (typeof at === "string") return at;
    return { source: (source || "import").slice(0, 100), at };
  }
  if (declaration) return { source: declaration.source, at: new Date(declaration.date) };
  return undefined;
}

/** A contact from one CSV row, or the reason the row is refused. */
export function rowToContact(
  row: string[],
  mapping: ResolvedMapping,
  options: { defaultCountry?: string; declaration?: OptInDeclaration; now: Date },
): ImportedContact | string {
  if (row.some((value) => value.includes("\u0000"))) return "the row contains a NUL character";
  if (row.some((value) => value.length > MAX_VALUE)) return `a value is longer than ${MAX_VALUE} characters`;
  const cell = (index: number | undefined) => (index === undefined ? "" : (row[index] ?? "").trim());
  const phoneText = cell(mapping.phone);
  if (!phoneText) return "no phone number";
  let phone: string;
  try {
    phone = toE164(phoneText, "phone", options.defaultCountry);
  } catch (error) {
    return (error as AppError).message;
  }
  const attributes: Record<string, unknown> = {};
  for (const [key, index] of mapping.attributes) {
    const value = cell(index);
    if (value) attributes[key] = value;
  }
  const language = cell(mapping.language);
  if (language) {
    if (!LANGUAGE.test(language))
      return `language "${language.slice(0, 40)}" is not a language code (es, pt-BR...)`;
    attributes.language = language.replace("_", "-").toLowerCase();
  }
  const tags = [
    ...new Set(
      cell(mapping.tags)
        .split(/[,;|]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
  if (tags.some((tag) => tag.length > 50)) return "a tag is longer than 50 characters";
  const optIn = rowOptIn(cell, mapping, options.declaration, options.now);
  if (typeof optIn === "string") return optIn;
  const name = cell(mapping.name);
  if (name.length > 200) return "the name is longer than 200 characters";
  return { phone, name: name || undefined, attributes, tags: tags.slice(0, 50), optedInAt: optIn?.at, optIn };
}

/** Rows of one batch with the same phone become one contact: later values win, tags unite, the later opt-in wins. */
export function mergeDuplicates(rows: ImportedContact[]): ImportedContact[] {
  const byPhone = new Map<string, ImportedContact>();
  for (const row of rows) {
    const seen = byPhone.get(row.phone);
    if (!seen) {
      byPhone.set(row.phone, row);
      continue;
    }
    const optIn =
      !seen.optIn || (row.optIn && row.optIn.at >= seen.optIn.at) ? (row.optIn ?? seen.optIn) : seen.optIn;
    byPhone.set(row.phone, {
      phone: row.phone,
      name: row.name ?? seen.name,
      attributes: { ...seen.attributes, ...row.attributes },
      tags: [...new Set([...seen.tags, ...row.tags])],
      optedInAt: optIn?.at,
      optIn,
    });
  }
  return [...byPhone.values()];
}
