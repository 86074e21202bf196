import type { Services } from "../../app/services.ts";
import { toMicros } from "./money.ts";
import { configureWallet, getWallet, topUp } from "./wallet.ts";

/** The demo tenant's starting balance: billing applies to it from the start, as to a real customer. */
export const DEMO_STARTING_BALANCE = "100.00";

/** Opens the demo tenant's USD wallet with its starting balance (once: the top-up is keyed). */
export async function seedDemoWallet(services: Pick<Services, "database" | "boss">, tenantId: string) {
  const { db } = services.database;
  if (!(await getWallet(db, tenantId)))
    await configureWallet(db, tenantId, { currency: "USD", lowBalanceMicros: toMicros("10") });
  await db.transaction((tx) =>
    topUp(
      { boss: services.boss, tx },
      {
        tenantId,
        amountMicros: toMicros(DEMO_STARTING_BALANCE),
        key: "admin:demo-starting-balance",
        reference: "demo starting balance",
        author: "system",
      },
    ),
  );
  return getWallet(db, tenantId);
}
