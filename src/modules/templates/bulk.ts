import type { Executor } from "../../db/client.ts";
import { unprocessable } from "../../lib/problem.ts";
import { getTemplate } from "./template-queries.ts";
import type { TemplateDefinition } from "./types.ts";

/** What a bulk send needs of a template: checked as the tenant's and approved (404 / 422 otherwise). */
export async function approvedTemplate(db: Executor, tenantId: string, id: string) {
  const row = await getTemplate(db, tenantId, id);
  if (row.status !== "approved")
    throw unprocessable("template_not_approved", `Template "${row.name}" is ${row.status}, not approved`, {
      templateStatus: row.status,
    });
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    language: row.language,
    category: row.category,
    definition: row.definition as unknown as TemplateDefinition,
  };
}
export type ApprovedTemplate = Awaited<ReturnType<typeof approvedTemplate>>;
