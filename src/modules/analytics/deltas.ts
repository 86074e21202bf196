import type { MessageDimensions } from "./dimensions.ts";

export const COUNTERS = [
  "sent",
  "delivered",
  "read",
  "failed",
  "replies",
  "conversations_opened",
  "conversations_resolved",
  "cost_micros",
  "markup_micros",
] as const;
export type Counter = (typeof COUNTERS)[number];
export type MessageDelta = MessageDimensions & Partial<Record<Counter, number>>;

export interface FailureDelta {
  tenantId: string;
  hour: string;
  phoneNumberId: string | null;
  templateId: string | null;
  campaignId: string | null;
  errorCode: number;
}

/** Deltas of one batch, summed per rollup row before they are written (one upsert per table). */
export class Deltas {
  readonly messages = new Map<string, MessageDelta>();
  readonly failures = new Map<string, FailureDelta & { failed: number }>();
  readonly minutes = new Map<
    string,
    { tenantId: string; minute: string; phoneNumberId: string | null } & Record<Live, number>
  >();
  readonly agents = new Map<string, AgentDelta>();
  readonly bots = new Map<string, BotDelta>();

  add(dimensions: MessageDimensions, counts: Partial<Record<Counter, number>>) {
    const key = JSON.stringify([
      dimensions.tenantId,
      dimensions.hour,
      dimensions.phoneNumberId,
      dimensions.templateId,
      dimensions.campaignId,
      dimensions.category,
      dimensions.market,
    ]);
    const row = this.messages.get(key) ?? { ...dimensions };
    for (const [counter, value] of Object.entries(counts) as [Counter, number][])
      row[counter] = (row[counter] ?? 0) + value;
    this.messages.set(key, row);
  }

  addFailure(failure: FailureDelta) {
    const key = JSON.stringify(Object.values(failure));
    const row = this.failures.get(key) ?? { ...failure, failed: 0 };
    row.failed += 1;
    this.failures.set(key, row);
  }

  addLive(tenantId: string, minute: string, phoneNumberId: string | null, counter: Live) {
    const key = `${tenantId}/${minute}/${phoneNumberId}`;
    const row = this.minutes.get(key) ?? {
      tenantId,
      minute,
      phoneNumberId,
      sent: 0,
      delivered: 0,
      read: 0,
      failed: 0,
    };
    row[counter] += 1;
    this.minutes.set(key, row);
  }

  addAgent(delta: Omit<AgentDelta, "count">) {
    const key = JSON.stringify(Object.values(delta));
    const row = this.agents.get(key) ?? { ...delta, count: 0 };
    row.count += 1;
    this.agents.set(key, row);
  }

  addBot(tenantId: string, hour: string, flowId: string, counter: "sessions" | "completions" | "handovers") {
    const key = `${tenantId}/${hour}/${flowId}`;
    const row = this.bots.get(key) ?? { tenantId, hour, flowId, sessions: 0, completions: 0, handovers: 0 };
    row[counter] += 1;
    this.bots.set(key, row);
  }

  get empty() {
    return (
      this.messages.size + this.failures.size + this.minutes.size + this.agents.size + this.bots.size === 0
    );
  }

  tenants(): Set<string> {
    const all = [
      ...this.messages.values(),
      ...this.minutes.values(),
      ...this.agents.values(),
      ...this.bots.values(),
    ];
    return new Set(all.map((row) => row.tenantId));
  }
}

export type Live = "sent" | "delivered" | "read" | "failed";

export interface AgentDelta {
  tenantId: string;
  hour: string;
  userId: string;
  metric: "handled" | "first_response" | "resolution";
  bucket: number;
  count: number;
}

export interface BotDelta {
  tenantId: string;
  hour: string;
  flowId: string;
  sessions: number;
  completions: number;
  handovers: number;
}

/**
 * Upper bounds (seconds) of the duration histogram buckets of agents' times: bucket i holds
 * durations up to DURATION_BUCKETS[i]; the last one everything longer. Medians are read as the
 * upper bound of the bucket holding the middle value (at most ~40% above the true median).
 */
export const DURATION_BUCKETS = [
  10, 20, 30, 45, 60, 90, 120, 180, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400,
  21600, 28800, 43200, 64800, 86400, 129600, 172800, 259200, 432000, 604800,
] as const;

export function durationBucket(seconds: number): number {
  const index = DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
  return index === -1 ? DURATION_BUCKETS.length : index;
}
