/** The numbers module's public surface: WhatsApp Business Accounts, phone numbers, send rate buckets. */
import type { ModuleRecord } from "../../app/module.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { numberJobs, refreshOnMetaUpdates } from "./jobs.ts";
import { lifecycleRoutes } from "./lifecycle-routes.ts";
import { notificationRoutes } from "./notification-routes.ts";
import { numbersRoutes } from "./routes.ts";
import { signupRoutes } from "./signup-routes.ts";

export {
  accountIds,
  accountIdsByWaba,
  accountsByWaba,
  connectedAccount,
  numberByMetaId,
  numbersByIds,
  tenantAccount,
} from "./lookups.ts";
export {
  assertNotificationsEnabled,
  type NotificationsEventData,
  type NotificationsStatus,
} from "./notifications.ts";
export { senderNumber, takeSendTokens } from "./sending.ts";
export {
  type AccountRow,
  accountToken,
  connectAccount,
  DEFAULT_THROUGHPUT,
  type PhoneNumberRow,
  requestNumbersRefresh,
} from "./service.ts";

/** What the phone_number.quality_changed and phone_number.tier_changed events carry. */
export interface PhoneNumberHealthEventData {
  phoneNumberId: string;
  metaPhoneNumberId: string;
  displayPhoneNumber: string;
  from: string | null;
  to: string | null;
  /** quality: a drop (GREEN -> YELLOW -> RED) or a recovery; tier: up or down the ladder. */
  direction: "up" | "down" | "unchanged";
}

const routes: ModuleRoutes = (app, services) => {
  numbersRoutes(app, services);
  notificationRoutes(app, services);
  lifecycleRoutes(app, services);
  signupRoutes(app, services);
};

export const numbersModule: ModuleRecord = {
  name: "numbers",
  routes,
  jobs: numberJobs,
  subscribers: [refreshOnMetaUpdates],
};
