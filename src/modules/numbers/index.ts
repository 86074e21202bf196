/** The numbers module's public surface: WhatsApp Business Accounts, phone numbers, send rate buckets. */
import type { ModuleRecord } from "../../app/module.ts";
import { numberJobs } from "./jobs.ts";
import { numbersRoutes } from "./routes.ts";

export {
  type AccountRow,
  accountIds,
  accountIdsByWaba,
  accountToken,
  connectAccount,
  connectedAccount,
  DEFAULT_THROUGHPUT,
  numberByMetaId,
  numbersByIds,
  type PhoneNumberRow,
  requestNumbersRefresh,
  senderNumber,
  takeSendTokens,
  tenantAccount,
} from "./service.ts";

export const numbersModule: ModuleRecord = { name: "numbers", routes: numbersRoutes, jobs: numberJobs };
