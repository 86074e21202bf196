import { defineJob, type JobDefinition } from "../../jobs/queue.ts";
import { checkLedger, ledgerOk, releaseExpired } from "./checks.ts";
import { LEDGER_CHECK, RESERVATION_SWEEP } from "./queues.ts";
import { billingSettings } from "./settings.ts";

export const billingJobs: JobDefinition[] = [
  defineJob(RESERVATION_SWEEP, {
    schedule: "7 * * * *",
    handler: async (_jobs, services) => {
      const olderThan = new Date(Date.now() - billingSettings().reservationTimeoutMs);
      let released = 0;
      do {
        released = await services.database.db.transaction((tx) =>
          releaseExpired({ boss: services.boss, tx }, olderThan),
        );
      } while (released > 0);
    },
  }),
  defineJob(LEDGER_CHECK, {
    schedule: "17 * * * *",
    handler: async (_jobs, services) => {
      const result = await checkLedger(services.database.db);
      if (!ledgerOk(result))
        // A failed job is visible in pg-boss and the logs; the numbers say where to look.
        throw new Error(`ledger check failed: ${JSON.stringify(result)}`);
      return result;
    },
  }),
];
