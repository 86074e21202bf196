import type { Executor } from "../../db/client.ts";
import { publishRealtime } from "../realtime/index.ts";

/** Dashboards re-fetch on `analytics.updated`; more than one a second per tenant would only make them fetch more. */
const MIN_INTERVAL_MS = 1_000;
const lastAnnounced = new Map<string, number>();

/**
 * Publishes `analytics.updated` for tenants whose rollups changed, at most once a second per
 * tenant and process (the portal also re-fetches on a slow timer, so a change inside a skipped
 * second shows with the next event or tick).
 */
export async function announceUpdates(tx: Executor, tenantIds: Iterable<string>): Promise<void> {
  const now = Date.now();
  const due = [...tenantIds].filter((id) => now - (lastAnnounced.get(id) ?? 0) >= MIN_INTERVAL_MS);
  if (due.length === 0) return;
  for (const id of due) lastAnnounced.set(id, now);
  if (lastAnnounced.size > 10_000)
    for (const [id, at] of lastAnnounced) if (now - at > MIN_INTERVAL_MS) lastAnnounced.delete(id);
  await publishRealtime(
    tx,
    due.map((tenantId) => ({
      tenantId,
      type: "analytics.updated",
      data: { at: new Date(now).toISOString() },
    })),
  );
}
