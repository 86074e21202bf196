import { eq } from "drizzle-orm";
import { defineJob, enqueue, type JobDefinition } from "../../jobs/queue.ts";
import { runImport } from "./import-run.ts";
import { storedFile } from "./import-store.ts";
import { IMPORT_QUEUE } from "./queues.ts";
import { contactImports } from "./schema.ts";

/** How long one job runs an import before handing over to the next job (same cursor). */
export const IMPORT_SLICE_MS = 60_000;

export const audienceJobs: JobDefinition[] = [
  defineJob(IMPORT_QUEUE, {
    // An import is long and streams: one at a time per worker keeps memory bounded.
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 1 },
    handler: async ([job], services) => {
      if (!job) return;
      const { db } = services.database;
      const [found] = await db.select().from(contactImports).where(eq(contactImports.id, job.data.importId));
      if (!found || found.status === "completed") return;
      // A slice at a time: a job that died with its worker expires soon and is retried from the cursor.
      const done = await runImport(db, found, storedFile(db, found.id), {
        stopAt: Date.now() + IMPORT_SLICE_MS,
      });
      if (done.status === "running") await enqueue(services, IMPORT_QUEUE, { importId: found.id });
    },
  }),
];
