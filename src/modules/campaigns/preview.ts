import type { Executor } from "../../db/client.ts";
import { type AudienceSpec, audienceChunkSql } from "../audiences/index.ts";
import { type BulkEstimate, estimateBulk } from "../billing/index.ts";
import { contactsByIds } from "../contacts/index.ts";
import type { PhoneNumberRow } from "../numbers/index.ts";
import type { ApprovedTemplate } from "../templates/index.ts";
import { exclusionOf, historyOf, phoneFacts } from "./classify.ts";
import { type Budget, combinedThroughput, messagingBudget } from "./pacing.ts";
import type { CampaignRow } from "./service.ts";
import { rowsOf } from "./sql.ts";
import { SKIP_REASONS, type SkipReason } from "./types.ts";

/** Contacts classified per read while previewing (keyset over the audience, as the engine reads it). */
const PREVIEW_CHUNK = 5_000;

export interface CampaignEstimate {
  audience: number;
  sendable: number;
  excluded: Record<SkipReason, number>;
  cost: BulkEstimate;
  /** Per market, what one message costs (micro-units): the engine's cost counter uses it. */
  unitPrices: Record<string, number>;
  budget: Budget;
  /** Messages per second the sending numbers allow together, and the send's shortest duration. */
  throughputPerSecond: number;
  minimumSeconds: number;
  at: string;
}

/**
 * Before launch: the audience streamed in chunks and each contact classified exactly as the engine
 * will (opted out, no opt-in, US number, Meta's limit, frequency cap, invalid number), then the cost
 * of the sendable ones by market from the rate card and markup, and the portfolio's messaging budget.
 */
export async function estimateCampaign(
  db: Executor,
  row: CampaignRow,
  numbers: PhoneNumberRow[],
  templates: ApprovedTemplate[],
): Promise<CampaignEstimate> {
  const now = new Date();
  const marketing = templates[0]!.category === "MARKETING";
  const excluded = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<
    SkipReason,
    number
  >;
  const markets = new Map<string, number>();
  let audience = 0;
  let cursor: string | null = null;
  for (;;) {
    const next: { id: string; member: boolean }[] = rowsOf<{ id: string; member: boolean }>(
      await db.execute(audienceChunkSql(row.tenantId, row.audience as AudienceSpec, cursor, PREVIEW_CHUNK)),
    );
    if (next.length === 0) break;
    cursor = next.at(-1)!.id;
    const ids = next.filter((candidate) => candidate.member).map((candidate) => candidate.id);
    audience += ids.length;
    const contacts = await contactsByIds(db, row.tenantId, ids);
    const history = await historyOf(db, row.tenantId, ids, row.frequencyCap ?? null, now);
    for (const contact of contacts) {
      const phone = phoneFacts(contact);
      const reason = exclusionOf(
        contact,
        phone,
        marketing,
        history.get(contact.id),
        row.frequencyCap ?? null,
      );
      if (reason) excluded[reason]++;
      else markets.set(phone.market, (markets.get(phone.market) ?? 0) + 1);
    }
    if (next.length < PREVIEW_CHUNK) break;
  }
  const cost = await estimateBulk(db, row.tenantId, templates[0]!.category, markets);
  const sendable = [...markets.values()].reduce((sum, count) => sum + count, 0);
  const throughput = combinedThroughput(numbers);
  return {
    audience,
    sendable,
    excluded,
    cost,
    unitPrices: Object.fromEntries(cost.markets.map((line) => [line.market, line.unitMicros ?? 0])),
    budget: await messagingBudget(db, row.tenantId, numbers, now),
    throughputPerSecond: throughput,
    minimumSeconds: Math.ceil(sendable / Math.max(1, throughput)),
    at: now.toISOString(),
  };
}
