import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { PolicyOptions } from "./policy.ts";
import { DEFAULT_PROHIBITED_CATEGORIES, type ProhibitedCategory } from "./prohibited-content.ts";

export interface TemplateSettings {
  /** Submit templates with no policy finding at all to Meta at once, without a platform admin. */
  autoApproveClean: boolean;
  /** Options of the platform policy review (`reviewPolicy`). */
  policy: PolicyOptions;
  /** pg-boss cron of the status sync with Meta; null turns polling off (webhooks still apply). */
  syncCron: string | null;
}

const keywords = z.array(z.string().min(1));
const categoriesFile = z.array(
  z.object({
    id: z.string().min(1),
    label: z.string().min(1),
    severity: z.enum(["block", "warn"]).optional(),
    keywords: z.object({ es: keywords.optional(), en: keywords.optional(), pt: keywords.optional() }),
  }),
);

const fileCache = new Map<string, ProhibitedCategory[]>();

/**
 * Reads a JSON file of prohibited categories ([{ id, label, severity?, keywords: { es, en, pt } }]) and
 * merges it into the defaults: a category with a default's id replaces it (give it empty keywords to turn
 * it off), any other is added.
 */
export function prohibitedCategories(path: string | undefined): readonly ProhibitedCategory[] {
  if (!path) return DEFAULT_PROHIBITED_CATEGORIES;
  let custom = fileCache.get(path);
  if (!custom) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new Error(`TEMPLATE_PROHIBITED_CATEGORIES=${path}: ${(error as Error).message}`);
    }
    const result = categoriesFile.safeParse(parsed);
    if (!result.success) {
      throw new Error(
        `TEMPLATE_PROHIBITED_CATEGORIES=${path}: ${result.error.issues
          .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
          .join("; ")}`,
      );
    }
    custom = result.data as ProhibitedCategory[];
    fileCache.set(path, custom);
  }
  const byId = new Map(DEFAULT_PROHIBITED_CATEGORIES.map((category) => [category.id, category]));
  for (const category of custom) byId.set(category.id, category);
  return [...byId.values()];
}

/** Template settings, from the validated configuration (the categories file is read once per path). */
export function templateSettings(
  config: Pick<
    Config,
    "TEMPLATE_AUTO_APPROVE_CLEAN" | "TEMPLATE_PROHIBITED_CATEGORIES" | "TEMPLATE_SYNC_CRON"
  >,
): TemplateSettings {
  const cron = config.TEMPLATE_SYNC_CRON.trim();
  return {
    autoApproveClean: config.TEMPLATE_AUTO_APPROVE_CLEAN,
    policy: { prohibited: prohibitedCategories(config.TEMPLATE_PROHIBITED_CATEGORIES) },
    syncCron: cron === "off" ? null : cron,
  };
}
