import { z } from "zod";

const column = z.string().min(1).max(200).describe("a header of the CSV file");

/** Which CSV column feeds which contact field; unmapped columns are ignored. */
export const columnMappingSchema = z.object({
  phone: column,
  name: column.optional(),
  /** Attribute key -> column. */
  attributes: z.record(z.string().min(1).max(100), column).optional(),
  /** A column of tags separated by "," ";" or "|". */
  tags: column.optional(),
  language: column.optional(),
  optInSource: column.optional(),
  optInDate: column.optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * The importer declares that every row of the file opted in (source, date, evidence): recorded as
 * each contact's consent event and audited once as `contacts.bulk_opt_in`.
 */
export const optInDeclarationSchema = z.object({
  source: z.string().trim().min(1).max(100),
  date: z.iso.datetime({ offset: true }).or(z.iso.date()),
  evidence: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe("how the consent was collected: form, URL, terms version..."),
});
export type OptInDeclaration = z.infer<typeof optInDeclarationSchema>;

export const importOptionsSchema = z.object({
  mapping: columnMappingSchema,
  defaultCountry: z
    .string()
    .length(2)
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("ISO country for numbers written without their country code"),
  listId: z.uuid().optional().describe("add every imported contact to this static list"),
  optIn: optInDeclarationSchema.optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
