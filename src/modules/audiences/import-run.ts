import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { releaseMemory } from "../../lib/release-memory.ts";
import { recordConsentBulk, upsertContactsBulk } from "../contacts/index.ts";
import {
  type ImportedContact,
  mergeDuplicates,
  type ResolvedMapping,
  resolveMapping,
  rowToContact,
} from "./import-rows.ts";
import { contactImportErrors, contactImports, contactListMembers } from "./schema.ts";

export type ContactImport = typeof contactImports.$inferSelect;

/** What an import reports as it goes (the CLI's progress bar, the portal's progress). */
export type ImportProgress = Pick<
  ContactImport,
  "rowsDone" | "bytesDone" | "byteSize" | "created" | "updated" | "failed"
>;

interface RowError {
  line: number;
  reason: string;
  raw: string[];
}

interface Batch {
  contacts: (ImportedContact & { line: number })[];
  errors: RowError[];
}

/** Rows written per transaction: one multi-row statement each for contacts, consent, list and errors. */
export const IMPORT_BATCH_SIZE = 1000;
/**
 * Rows between two memory-releasing collections (one takes ~50-150 ms; 20,000 rows take seconds).
 * Each batch lives across its database round trips, so scavenges keep finding survivors and V8
 * grows the young generation to its 128 MB maximum within ~60,000 rows; only a collection that
 * reduces memory shrinks it again. Measured at 100,000 rows on PostgreSQL: every 100,000 rows
 * peaked at 284 MB RSS, every 20,000 at 227 MB (the rest of the peak is the program's start).
 */
const RELEASE_EVERY_ROWS = 20_000;

/** Writes one batch and moves the cursor in the same transaction, so a crash resumes exactly after it. */
async function writeBatch(db: Db, job: ContactImport, batch: Batch, cursor: { rows: number; bytes: number }) {
  return db.transaction(async (tx) => {
    const merged = mergeDuplicates(batch.contacts);
    const written = await upsertContactsBulk(tx, job.tenantId, merged);
    const idOf = new Map(written.map((row) => [row.phone, row.id]));
    await recordConsentBulk(
      tx,
      job.tenantId,
      merged.flatMap((contact) => {
        const id = idOf.get(contact.phone);
        if (!id || !contact.optIn) return [];
        const evidence = { importId: job.id, fileName: job.fileName, declaration: job.optIn?.evidence };
        return [{ contactId: id, source: contact.optIn.source, at: contact.optIn.at, evidence }];
      }),
    );
    if (job.listId && written.length > 0)
      await tx
        .insert(contactListMembers)
        .values(written.map((row) => ({ listId: job.listId as string, contactId: row.id })))
        .onConflictDoNothing();
    const failed = batch.errors.length
      ? await tx
          .insert(contactImportErrors)
          .values(batch.errors.map((error) => ({ importId: job.id, ...error })))
          .onConflictDoNothing()
          .returning({ line: contactImportErrors.line })
      : [];
    const created = written.filter((row) => row.created).length;
    const [progress] = await tx
      .update(contactImports)
      .set({
        rowsDone: cursor.rows,
        bytesDone: cursor.bytes,
        created: sql`${contactImports.created} + ${created}`,
        updated: sql`${contactImports.updated} + ${batch.contacts.length - created}`,
        failed: sql`${contactImports.failed} + ${failed.length}`,
        updatedAt: new Date(),
      })
      .where(eq(contactImports.id, job.id))
      .returning();
    return progress as ContactImport;
  });
}

async function setStatus(db: Executor, id: string, set: Partial<ContactImport>) {
  const [row] = await db
    .update(contactImports)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(contactImports.id, id))
    .returning();
  return row as ContactImport;
}

/**
 * Runs (or resumes) an import over the file's bytes, streamed: records before the stored cursor
 * are read but not written again, and every write is an upsert, so running it twice changes nothing.
 */
export async function runImport(
  db: Db,
  job: ContactImport,
  file: Readable,
  options: {
    onProgress?: (progress: ImportProgress) => void;
    batchSize?: number;
    /** Stop at the first batch boundary after this time (the job continues in a new one); status stays "running". */
    stopAt?: number;
  } = {},
): Promise<ContactImport> {
  const { onProgress = () => {}, batchSize = IMPORT_BATCH_SIZE } = options;
  if (!job.mapping) throw new Error("the import has no column mapping");
  let current = await setStatus(db, job.id, { status: "running", error: null });
  const now = new Date();
  const pending: RowError[] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 64 * 1024,
    skip_records_with_error: true,
    on_skip: (error, raw) => {
      pending.push({
        line: Number((error as { lines?: number } | undefined)?.lines ?? 0),
        reason: `unreadable CSV: ${error?.message ?? "bad record"}`,
        raw: [raw ?? ""],
      });
    },
  });
  // A failing source (a dropped upload, a lost connection) fails the import instead of hanging it.
  file.on("error", (error) => parser.destroy(error));
  file.pipe(parser);
  let mapping: ResolvedMapping | undefined;
  let record = 0;
  let releasedAt = 0;
  let batch: Batch = { contacts: [], errors: [] };
  const flush = async (bytes: number) => {
    batch.errors.push(...pending.splice(0));
    current = await writeBatch(db, current, batch, { rows: record, bytes });
    batch = { contacts: [], errors: [] };
    onProgress(current);
    // Bounded memory without a capped heap: V8 would let a million rows' garbage grow first.
    if (record - releasedAt >= RELEASE_EVERY_ROWS) {
      releasedAt = record;
      releaseMemory();
    }
  };
  try {
    for await (const { record: row, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; bytes: number };
    }>) {
      if (!mapping) {
        const found = resolveMapping(job.mapping, row);
        if ("missing" in found) throw new Error(`the file has no column "${found.missing}"`);
        mapping = found.resolved;
        continue;
      }
      if (++record <= job.rowsDone) continue;
      const contact = rowToContact(row, mapping, {
        defaultCountry: job.defaultCountry ?? undefined,
        declaration: job.optIn ?? undefined,
        now,
      });
      if (typeof contact === "string") batch.errors.push({ line: info.lines, reason: contact, raw: row });
      else batch.contacts.push({ ...contact, line: info.lines });
      if (batch.contacts.length + batch.errors.length >= batchSize) {
        await flush(info.bytes);
        if (options.stopAt !== undefined && Date.now() >= options.stopAt) {
          file.destroy();
          return current;
        }
      }
    }
    await flush(current.byteSize || current.bytesDone);
    return await setStatus(db, job.id, { status: "completed", finishedAt: new Date() });
  } catch (error) {
    file.destroy();
    await setStatus(db, job.id, {
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
