import { and, eq } from "drizzle-orm";
import { sharedCache } from "../../db/cache.ts";
import type { Executor } from "../../db/client.ts";
import { AppError, unprocessable } from "../../lib/problem.ts";
import { renderTemplate } from "./render.ts";
import { templates } from "./schema.ts";
import type { TemplateDefinition } from "./types.ts";

/** Templates by tenant, account, name and language: any change to a tenant's templates reaches every process by NOTIFY. */
const templateCache = sharedCache<typeof templates.$inferSelect | undefined>({ ttlMs: 30_000 });

/**
 * The body of a template message, after checking the template exists for the sending number's
 * account, is approved, and gets every parameter it needs.
 */
export async function templateForSend(
  db: Executor,
  tenantId: string,
  accountId: string,
  wanted: { name: string; language: string; parameters?: unknown },
) {
  const template = await templateCache.get(
    db,
    JSON.stringify([tenantId, accountId, wanted.name, wanted.language]),
    async () =>
      (
        await db
          .select()
          .from(templates)
          .where(
            and(
              eq(templates.tenantId, tenantId),
              eq(templates.accountId, accountId),
              eq(templates.name, wanted.name),
              eq(templates.language, wanted.language),
            ),
          )
      )[0],
    () => [`templates:${tenantId}`],
  );
  if (!template) {
    throw new AppError(
      404,
      "template_not_found",
      `No template "${wanted.name}" in language ${wanted.language} for this number's account`,
    );
  }
  if (template.status !== "approved") {
    throw unprocessable(
      "template_not_approved",
      `Template "${template.name}" is ${template.status}, not approved`,
      {
        templateStatus: template.status,
      },
    );
  }
  const rendered = renderTemplate(
    template.definition as unknown as TemplateDefinition,
    wanted.parameters ?? {},
  );
  if (!rendered.ok) {
    throw unprocessable("template_parameters_invalid", "The template parameters do not match the template", {
      errors: rendered.errors,
    });
  }
  return { template, body: { template: rendered.message }, preview: rendered.preview };
}
