import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { AppError, badRequest, notFound } from "../../lib/problem.ts";
import type { ContactImport } from "./import-run.ts";
import { contactImportChunks, contactImportErrors, contactImports } from "./schema.ts";

/** Stored chunk size of an uploaded file: one row of `contact_import_chunks`. */
const CHUNK_BYTES = 1024 * 1024;
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** The header and first rows of a file, for the column mapping. */
export function previewCsv(head: Buffer): { columns: string[]; sample: string[][] } {
  const text = head.toString("utf8");
  // Only whole lines: the last one may be cut by the chunk boundary.
  const lines = text.split(/\r?\n/).slice(0, 6);
  try {
    const rows = parse(lines.join("\n"), {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    return { columns: (rows[0] ?? []).map((cell) => cell.trim()), sample: rows.slice(1, 6) };
  } catch {
    return { columns: [], sample: [] };
  }
}

/**
 * Stores an uploaded CSV as it arrives (1 MiB rows, hashed on the way): the file is never whole in
 * memory, and any worker can read it back to run or resume the import.
 */
export async function storeUpload(
  db: Executor,
  tenantId: string,
  fileName: string,
  body: AsyncIterable<Buffer | string>,
): Promise<ContactImport & { sample: string[][] }> {
  const [job] = await db.insert(contactImports).values({ tenantId, fileName, fileSha256: "" }).returning();
  if (!job) throw new Error("insert returned no row");
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let seq = 0;
  let head: Buffer | undefined;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending);
    head ??= data;
    await db.insert(contactImportChunks).values({ importId: job.id, seq: seq++, data });
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const part of body) {
      const chunk = typeof part === "string" ? Buffer.from(part) : part;
      size += chunk.length;
      if (size > MAX_IMPORT_BYTES)
        throw new AppError(
          413,
          "import_too_large",
          `An import file is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`,
        );
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  } catch (error) {
    await db.delete(contactImports).where(eq(contactImports.id, job.id));
    throw error;
  }
  const { columns, sample } = previewCsv(head ?? Buffer.alloc(0));
  if (size === 0 || columns.length === 0) {
    await db.delete(contactImports).where(eq(contactImports.id, job.id));
    throw badRequest("import_empty", "The file is empty or has no header row");
  }
  const [stored] = await db
    .update(contactImports)
    .set({ fileSha256: hash.digest("hex"), byteSize: size, columns })
    .where(eq(contactImports.id, job.id))
    .returning();
  return { ...(stored as ContactImport), sample };
}

/** The stored file as a stream, one chunk read at a time. */
export function storedFile(db: Executor, importId: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const [row] = await db
        .select({ data: contactImportChunks.data })
        .from(contactImportChunks)
        .where(and(eq(contactImportChunks.importId, importId), eq(contactImportChunks.seq, seq)));
      if (!row) return;
      yield row.data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

export async function getImport(db: Executor, tenantId: string, id: string): Promise<ContactImport> {
  const [job] = await db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.tenantId, tenantId), eq(contactImports.id, id)));
  if (!job) throw notFound("Import", "import_not_found");
  return job;
}

export async function listImports(db: Executor, tenantId: string, limit = 50): Promise<ContactImport[]> {
  return db
    .select()
    .from(contactImports)
    .where(eq(contactImports.tenantId, tenantId))
    .orderBy(desc(contactImports.createdAt), desc(contactImports.id))
    .limit(limit);
}

/** The refused rows as CSV (line, reason, then the row's own columns), read from the database page by page. */
export function errorFile(db: Executor, job: ContactImport): Readable {
  const csv = stringify();
  async function* rows() {
    yield ["line", "reason", ...job.columns];
    let after = -1;
    for (;;) {
      const page = await db
        .select()
        .from(contactImportErrors)
        .where(and(eq(contactImportErrors.importId, job.id), gt(contactImportErrors.line, after)))
        .orderBy(asc(contactImportErrors.line))
        .limit(1000);
      for (const error of page) yield [String(error.line), error.reason, ...error.raw];
      const last = page.at(-1);
      if (!last) return;
      after = last.line;
    }
  }
  return Readable.from(rows()).pipe(csv);
}
