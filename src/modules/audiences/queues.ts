import { queue } from "../../jobs/queue.ts";

/** Runs (or, after a crash or a retry, resumes from its cursor) one contact import. */
export const IMPORT_QUEUE = queue<{ importId: string }>("audiences-import", {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  // A slice runs about a minute (IMPORT_SLICE_MS): one that died with its worker is retried soon.
  expireInSeconds: 300,
});
