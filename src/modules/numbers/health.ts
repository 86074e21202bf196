/**
 * Quality rating and messaging limit over time: one history row each time either changes (the
 * portal charts them), and an event when quality drops or recovers and when the tier moves.
 */
import { and, asc, eq, gte } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import type { TxContext } from "../../jobs/queue.ts";
import { notFound } from "../../lib/problem.ts";
import { phoneNumberHealthHistory, phoneNumbers } from "./schema.ts";

type Row = typeof phoneNumbers.$inferSelect;

const QUALITY_RANK: Record<string, number> = { UNKNOWN: 0, RED: 1, YELLOW: 2, GREEN: 3 };
const TIERS = ["TIER_50", "TIER_250", "TIER_1K", "TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"];

function direction(rank: (value: string | null) => number, from: string | null, to: string | null) {
  const delta = rank(to) - rank(from);
  return delta > 0 ? "up" : delta < 0 ? "down" : "unchanged";
}
const qualityRank = (value: string | null) => QUALITY_RANK[value ?? "UNKNOWN"] ?? 0;
const tierRank = (value: string | null) => TIERS.indexOf(value ?? "");

/** Stores the history rows and emits the events of what Meta changed on these numbers. */
export async function recordHealthChanges(context: TxContext, before: Row[], rows: Row[]): Promise<void> {
  for (const row of rows) {
    const old = before.find((number) => number.id === row.id);
    const qualityMoved = old !== undefined && old.qualityRating !== row.qualityRating;
    const tierMoved = old !== undefined && old.messagingLimitTier !== row.messagingLimitTier;
    if (old && !qualityMoved && !tierMoved) continue;
    await context.tx.insert(phoneNumberHealthHistory).values({
      tenantId: row.tenantId,
      phoneNumberId: row.id,
      qualityRating: row.qualityRating,
      messagingLimitTier: row.messagingLimitTier,
    });
    const base = {
      phoneNumberId: row.id,
      metaPhoneNumberId: row.phoneNumberId,
      displayPhoneNumber: row.displayPhoneNumber,
    };
    if (qualityMoved) {
      await emit(context, {
        type: "phone_number.quality_changed",
        tenantId: row.tenantId,
        data: {
          ...base,
          from: old.qualityRating,
          to: row.qualityRating,
          direction: direction(qualityRank, old.qualityRating, row.qualityRating),
        },
      });
    }
    if (tierMoved) {
      await emit(context, {
        type: "phone_number.tier_changed",
        tenantId: row.tenantId,
        data: {
          ...base,
          from: old.messagingLimitTier,
          to: row.messagingLimitTier,
          direction: direction(tierRank, old.messagingLimitTier, row.messagingLimitTier),
        },
      });
    }
  }
}

/** A number's quality and limit history, oldest first (for charts), optionally since a date. */
export async function healthHistory(db: Executor, tenantId: string, numberId: string, since?: Date) {
  const [number] = await db
    .select({ id: phoneNumbers.id })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.id, numberId), eq(phoneNumbers.tenantId, tenantId)));
  if (!number) throw notFound(`Phone number ${numberId}`, "phone_number_not_found");
  return db
    .select({
      qualityRating: phoneNumberHealthHistory.qualityRating,
      messagingLimitTier: phoneNumberHealthHistory.messagingLimitTier,
      at: phoneNumberHealthHistory.at,
    })
    .from(phoneNumberHealthHistory)
    .where(
      and(
        eq(phoneNumberHealthHistory.phoneNumberId, numberId),
        since ? gte(phoneNumberHealthHistory.at, since) : undefined,
      ),
    )
    .orderBy(asc(phoneNumberHealthHistory.at));
}
