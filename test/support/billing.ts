import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { Database } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import type { DomainEvent } from "../../src/events/index.ts";
import { createBoss } from "../../src/jobs/queue.ts";
import { createTenant } from "../../src/modules/accounts/index.ts";
import { type BillableSend, configureWallet, reserveForMessages } from "../../src/modules/billing/index.ts";
import { billingSubscriber } from "../../src/modules/billing/settle.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

/**
 * Billing driven directly on a real database: sends reserve as the send path does, statuses are
 * the domain events ingest emits (the messages module's part is tested in its own suites).
 */
export interface BillingBench {
  testDatabase: TestDatabase;
  database: Database;
  /** pg-boss on the same database (not started: billing only writes in the caller's transaction). */
  boss: PgBoss;
  tenant(wallet?: {
    currency?: string;
    creditLimitMicros?: number;
    lowBalanceMicros?: number;
  }): Promise<string>;
  send(tenantId: string, send: Partial<BillableSend> & { messageId: string }): Promise<void>;
  status(
    tenantId: string,
    messageId: string,
    status: "sent" | "delivered" | "read" | "failed",
    pricing?: Record<string, unknown>,
  ): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function startBillingBench(kind: "pglite" | "postgres"): Promise<BillingBench> {
  const testDatabase = await createTestDatabase(kind);
  const { database } = testDatabase;
  await migrate(database);
  const boss = createBoss(database);
  const { db } = database;
  return {
    testDatabase,
    database,
    boss,
    async tenant(wallet = {}) {
      const tenant = await createTenant(
        db,
        { slug: `bill-${process.pid}-${++counter}`, name: "Billing" },
        { kind: "system" },
      );
      await configureWallet(db, tenant.id, { currency: wallet.currency ?? "USD", ...wallet });
      return tenant.id;
    },
    async send(tenantId, send) {
      await db.transaction((tx) =>
        reserveForMessages({ boss, tx }, [
          {
            tenantId,
            phoneNumberId: randomUUID(),
            contactId: randomUUID(),
            templateId: null,
            category: "utility",
            phone: "+5491123456789",
            windowOpen: false,
            at: new Date(),
            ...send,
          },
        ]),
      );
    },
    async status(tenantId, messageId, status, pricing) {
      const delivered = status === "delivered" || status === "read";
      const event = {
        type: `message.${status}`,
        tenantId,
        data: { id: messageId, status, deliveredAt: delivered ? new Date() : null, pricing: pricing ?? null },
      } as unknown as DomainEvent;
      await db.transaction((tx) => billingSubscriber.handle({ boss, tx }, [event]));
    },
    close: () => testDatabase.drop(),
  };
}
