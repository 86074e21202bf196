import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { badRequest } from "../../lib/problem.ts";
import type { Actor } from "../accounts/index.ts";
import { type ContactImport, type ImportProgress, runImport } from "./import-run.ts";
import { configureImport } from "./import-service.ts";
import { previewCsv } from "./import-store.ts";
import type { ImportOptions } from "./import-types.ts";
import { contactImports } from "./schema.ts";

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function headOf(path: string): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Imports a CSV file on this machine (the CLI, the bench): the same file again resumes its
 * unfinished import from the stored cursor (a crash, Ctrl-C), or, once finished, imports it again
 * as a no-op merge. The file is streamed from disk, never stored.
 */
export async function importFile(
  db: Db,
  tenantId: string,
  actor: Actor,
  path: string,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<{ job: ContactImport; resumedFrom: number }> {
  const [sha, size] = await Promise.all([sha256Of(path), stat(path).then((s) => s.size)]);
  const { columns } = previewCsv(await headOf(path));
  if (size === 0 || columns.length === 0)
    throw badRequest("import_empty", "The file is empty or has no header row");
  const [unfinished] = await db
    .select()
    .from(contactImports)
    .where(
      and(
        eq(contactImports.tenantId, tenantId),
        eq(contactImports.fileSha256, sha),
        inArray(contactImports.status, ["running", "failed"]),
      ),
    )
    .orderBy(desc(contactImports.createdAt))
    .limit(1);
  let job = unfinished;
  if (!job) {
    const [created] = await db
      .insert(contactImports)
      .values({ tenantId, fileName: basename(path), fileSha256: sha, byteSize: size, columns })
      .returning();
    job = await db.transaction((tx) => configureImport(tx, actor, created as ContactImport, options));
  }
  const resumedFrom = job.rowsDone;
  const done = await runImport(db, job, createReadStream(path), { onProgress });
  return { job: done, resumedFrom };
}
