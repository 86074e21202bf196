/**
 * Group commit: callers hand in one item each and wait; items that arrive while a flush is in
 * flight are written together by the next flush. Under load one database round trip serves many
 * requests; alone, a request is flushed at once (or, with deferFlush, on the next turn of the event loop). A caller's promise settles only
 * after the flush that holds its item has committed (or failed).
 */
export function groupCommit<I, O>(
  flush: (items: I[]) => Promise<O[]>,
  options: { maxBatch?: number; maxConcurrent?: number; deferFlush?: boolean } = {},
): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 500;
  const maxConcurrent = options.maxConcurrent ?? 1;
  let waiting: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let running = 0;

  const pump = () => {
    while (running < maxConcurrent && waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      running++;
      flush(batch.map((entry) => entry.item))
        .then(
          (results) => {
            if (results.length !== batch.length)
              throw new Error("group commit: one result per item expected");
            for (const [i, entry] of batch.entries()) entry.resolve(results[i]!);
          },
          (error) => {
            for (const entry of batch) entry.reject(error);
          },
        )
        .catch((error) => {
          for (const entry of batch) entry.reject(error);
        })
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  // With deferFlush the flush starts on the next turn of the event loop, not at once: requests
  // whose bytes have already arrived get to join it (on PGlite, whose statements never yield to
  // I/O, a flush started at once would always carry one item).
  let scheduled = false;
  const schedule = () => {
    if (!options.deferFlush) return pump();
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}
