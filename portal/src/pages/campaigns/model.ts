/** What the portal reads of a campaign (GET /v1/campaigns/{id} adds the breakdowns and the budget). */
export interface Campaign {
  id: string;
  name: string;
  status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
  holding: string | null;
  nextRunAt: string | null;
  createdAt: string;
  audienceTotal: number;
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  skipped: number;
  clicked: number;
  cost: string;
  /** Meta's retryable refusals that were backed off and retried, by error code. */
  metaRetries?: Record<string, number>;
  estimate: Estimate | null;
  failedByCode?: Record<string, number>;
  skippedByReason?: Record<string, number>;
  deferred?: number;
  budget?: { limit: number | null; used: number; remaining: number | null };
}

export interface Estimate {
  audience: number;
  sendable: number;
  excluded: Record<string, number>;
  cost: {
    enforced: boolean;
    currency: string | null;
    markets: {
      market: string;
      marketName: string;
      count: number;
      unitMicros: number | null;
      totalMicros: number;
    }[];
    total: string;
    available: string | null;
  };
  budget: { limit: number | null; remaining: number | null };
  minimumSeconds: number;
}

export const COUNTERS = [
  "queued",
  "sent",
  "delivered",
  "read",
  "replied",
  "failed",
  "skipped",
  "clicked",
] as const;

export const STATUS_COLOR: Record<Campaign["status"], string> = {
  draft: "gray",
  scheduled: "blue",
  running: "green",
  paused: "yellow",
  completed: "teal",
  cancelled: "red",
};
