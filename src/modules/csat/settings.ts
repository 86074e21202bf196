import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { unprocessable } from "../../lib/problem.ts";
import { listTemplates, type TemplateDefinition } from "../templates/index.ts";
import { csatSettings } from "./schema.ts";

/** Scores in the order of the template's quick-reply buttons: good, fair, bad. */
export const TEMPLATE_SCORES = [3, 2, 1] as const;

export interface CsatSettings {
  template: { name: string; language: string } | null;
}

export async function getCsatSettings(db: Executor, tenantId: string): Promise<CsatSettings> {
  const [row] = await db.select().from(csatSettings).where(eq(csatSettings.tenantId, tenantId));
  return {
    template:
      row?.templateName && row.templateLanguage
        ? { name: row.templateName, language: row.templateLanguage }
        : null,
  };
}

/** The indexes of a template's quick-reply buttons, and whether it needs header or body values. */
export function surveyShape(definition: TemplateDefinition) {
  const components = (definition.components ?? []) as {
    type: string;
    text?: string;
    format?: string;
    buttons?: { type: string }[];
  }[];
  const quickReplies: number[] = [];
  for (const component of components)
    component.buttons?.forEach((button, index) => {
      if (button.type === "QUICK_REPLY") quickReplies.push(index);
    });
  const needsValues = components.some(
    (component) =>
      (component.type === "BODY" || component.type === "HEADER") &&
      (/\{\{/.test(component.text ?? "") ||
        (component.type === "HEADER" && (component.format ?? "TEXT") !== "TEXT")),
  );
  return { quickReplies, needsValues };
}

/**
 * Sets (or clears, with null) the template asked outside the window. It must be approved, need no
 * header or body values, and have three quick-reply buttons (good, fair, bad).
 */
export async function saveCsatSettings(
  db: Executor,
  tenantId: string,
  template: { name: string; language: string } | null,
): Promise<CsatSettings> {
  if (template) {
    const found = await listTemplates(db, tenantId, {
      name: template.name,
      language: template.language,
      status: "approved",
      limit: 1,
    });
    const approved = found.data[0];
    if (!approved)
      throw unprocessable(
        "csat_template_not_approved",
        `No approved template "${template.name}" in ${template.language}`,
      );
    const shape = surveyShape(approved.definition as unknown as TemplateDefinition);
    if (shape.needsValues || shape.quickReplies.length !== 3)
      throw unprocessable(
        "csat_template_unusable",
        "A CSAT template has three quick-reply buttons (good, fair, bad) and no header or body variables",
      );
  }
  const values = { templateName: template?.name ?? null, templateLanguage: template?.language ?? null };
  await db
    .insert(csatSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: csatSettings.tenantId, set: { ...values, updatedAt: new Date() } });
  return getCsatSettings(db, tenantId);
}
