import { eq } from "drizzle-orm";
import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { runImport } from "./import-run.ts";
import { storedFile } from "./import-store.ts";
import { IMPORT_QUEUE } from "./queues.ts";
import { contactImports } from "./schema.ts";

export const audienceJobs: JobDefinition[] = [
  defineJob(IMPORT_QUEUE, {
    // An import is long and streams: one at a time per worker keeps memory bounded.
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 1 },
    handler: async ([job], services) => {
      if (!job) return;
      const { db } = services.database;
      const [found] = await db.select().from(contactImports).where(eq(contactImports.id, job.data.importId));
      if (!found || found.status === "completed") return;
      await runImport(db, found, storedFile(db, found.id));
    },
  }),
];
