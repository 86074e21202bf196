import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";

/** Months ahead whose partitions exist before their first message. */
const MONTHS_AHEAD = 3;

/**
 * Creates the messages partitions of this month and the next ones (idempotent; the SQL function
 * comes with migration 0006). Runs at every start and daily. A month whose rows already went to
 * the default partition keeps them there: its partition is skipped, and said so.
 */
export async function ensureMessagePartitions(
  db: Executor,
  now = new Date(),
  warn: (message: string) => void = () => {},
): Promise<string[]> {
  const created: string[] = [];
  for (let ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
    const day = month.toISOString().slice(0, 10);
    try {
      const result = await db.execute(sql`select charla_message_partition(${day}::date) as name`);
      const rows = (result as unknown as { rows: { name: string }[] }).rows;
      if (rows[0]) created.push(rows[0].name);
    } catch (error) {
      warn(`messages partition for ${day.slice(0, 7)} not created: ${(error as Error).message}`);
    }
  }
  return created;
}
