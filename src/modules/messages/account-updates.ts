/**
 * Meta's onboarding webhooks (business verification, policy review, display-name review, partner
 * added, capability changes) about connected accounts become `whatsapp_account.meta_update` events:
 * numbers and activation react to them, in the ingest transaction.
 */
import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import type { WebhookEvent } from "../../whatsapp/index.ts";
import { accountsByWaba } from "../numbers/index.ts";

const ONBOARDING_FIELDS = new Set([
  "account_update",
  "account_review_update",
  "phone_number_name_update",
  "business_capability_update",
]);

export async function emitAccountUpdates(tx: Tx, services: Services, events: WebhookEvent[]): Promise<void> {
  const updates = events.flatMap((event) =>
    event.kind === "other" &&
    ONBOARDING_FIELDS.has(event.field) &&
    typeof event.value === "object" &&
    event.value
      ? [{ wabaId: event.wabaId, field: event.field, value: event.value as Record<string, unknown> }]
      : [],
  );
  if (updates.length === 0) return;
  const accounts = await accountsByWaba(tx, [...new Set(updates.map((update) => update.wabaId))]);
  await emit(
    { boss: services.boss, tx },
    updates.flatMap((update) => {
      const account = accounts.find((row) => row.wabaId === update.wabaId);
      if (!account) return []; // a WABA no tenant has connected (yet)
      return [
        {
          type: "whatsapp_account.meta_update" as const,
          tenantId: account.tenantId,
          data: {
            accountId: account.id,
            wabaId: update.wabaId,
            field: update.field,
            value: { ...update.value },
          },
        },
      ];
    }),
  );
}
