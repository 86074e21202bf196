import { eq } from "drizzle-orm";
import { isSupportedCountry } from "libphonenumber-js";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";
import { badRequest, conflict } from "../../lib/problem.ts";
import { type Actor, recordAudit } from "../accounts/index.ts";
import { resolveMapping } from "./import-rows.ts";
import type { ContactImport } from "./import-run.ts";
import { getImport } from "./import-store.ts";
import type { ImportOptions } from "./import-types.ts";
import { getList } from "./lists.ts";
import { IMPORT_QUEUE } from "./queues.ts";
import { contactImports } from "./schema.ts";

/** Checks a mapping and its options against the file, records the opt-in declaration in the audit log, and saves them. */
export async function configureImport(
  db: Executor,
  actor: Actor,
  job: ContactImport,
  options: ImportOptions,
): Promise<ContactImport> {
  const found = resolveMapping(options.mapping, job.columns);
  if ("missing" in found)
    throw badRequest("import_column_missing", `The file has no column "${found.missing}"`, {
      errors: [
        { path: "body.mapping", code: "import_column_missing", message: `no column "${found.missing}"` },
      ],
    });
  if (options.defaultCountry && !isSupportedCountry(options.defaultCountry))
    throw badRequest("invalid_country", `"${options.defaultCountry}" is not an ISO country code`);
  if (options.listId) await getList(db, job.tenantId, options.listId);
  if (options.optIn)
    await recordAudit(db, actor, {
      tenantId: job.tenantId,
      action: "contacts.bulk_opt_in",
      targetType: "contact_import",
      targetId: job.id,
      data: { ...options.optIn, fileName: job.fileName, fileSha256: job.fileSha256 },
    });
  const [saved] = await db
    .update(contactImports)
    .set({
      mapping: options.mapping,
      defaultCountry: options.defaultCountry ?? null,
      listId: options.listId ?? null,
      optIn: options.optIn ?? null,
      updatedAt: new Date(),
    })
    .where(eq(contactImports.id, job.id))
    .returning();
  return saved as ContactImport;
}

/** Starts an uploaded import (or restarts a failed one from its cursor) in the background. */
export async function startImport(
  services: Services,
  tenantId: string,
  actor: Actor,
  id: string,
  options: ImportOptions,
): Promise<ContactImport> {
  return services.database.db.transaction(async (tx) => {
    const job = await getImport(tx, tenantId, id);
    if (job.status === "running" || job.status === "completed")
      throw conflict("import_already_started", `The import is ${job.status}`);
    const saved = await configureImport(tx, actor, job, options);
    await enqueue({ boss: services.boss, tx }, IMPORT_QUEUE, { importId: id });
    // Running from now on (queued): the portal follows its progress until it completes.
    const [running] = await tx
      .update(contactImports)
      .set({ status: "running", error: null })
      .where(eq(contactImports.id, saved.id))
      .returning();
    return running as ContactImport;
  });
}
