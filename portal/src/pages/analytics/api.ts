import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { problemFrom } from "../../api/problem";
import { useFormat } from "../../i18n/format";

/** Shapes of GET /v1/analytics/* (src/modules/analytics/routes.ts). */
export interface Counts {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replies: number;
  /** Micro-units of the currency, like billing. */
  cost_minor: number;
  markup_minor: number;
}
export interface Totals extends Counts {
  delivery_rate: number | null;
  read_rate: number | null;
}
export interface MessagesReport {
  buckets: (Counts & { start: string })[];
  totals: Totals;
  previous?: { totals: Totals };
  currency: string;
}
export interface BreakdownRow {
  key: string | null;
  label: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  cost_minor: number;
}
export interface AgentRow {
  user_id: string;
  name: string;
  conversations_handled: number;
  first_response_p50_s: number | null;
  resolution_p50_s: number | null;
  csat_avg: number | null;
  csat_count: number;
}
export interface BotRow {
  flow_id: string;
  name: string;
  sessions: number;
  completions: number;
  handovers: number;
}
export interface LiveDashboard {
  at: string;
  today: Totals;
  per_minute: { minute: string; sent: number; delivered: number; read: number; failed: number }[];
  failures_by_reason: { error_code: number; failed: number }[];
  spend: { currency: string; today_minor: number; balance_minor: number };
  numbers: {
    phone_number_id: string;
    display_phone_number: string;
    tier: string | null;
    throughput_per_second: number;
    peak_minute_sent: number;
    throughput_use: number;
  }[];
  messaging_limit: { limit: number | null; sent_24h: number; use: number | null };
  inbox: { open: number; unassigned: number; oldestWaitingSeconds: number | null };
}
export interface Recommendation {
  kind: "best_hour" | "template_declining" | "number_near_limit" | "campaign_failure_fix";
  title_key: string;
  params: Record<string, string | number | null>;
  figures: Record<string, number | null>;
}

export const DIMENSIONS = ["number", "template", "campaign", "category", "market", "error_code"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const BUCKETS = ["hour", "day", "week", "month"] as const;
export type Bucket = (typeof BUCKETS)[number];

/** The browser's timezone: day, week and month buckets follow the user's calendar. */
export const TIMEZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** `/v1/analytics/<path>?<query>` without the empty parameters (also the CSV links). */
export function analyticsUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams(
    Object.entries({ tz: TIMEZONE, ...query }).filter((entry): entry is [string, string] => !!entry[1]),
  );
  return `/v1/analytics/${path}?${params}`;
}

/** An analytics answer (these routes are read with fetch; their types are above). */
export async function getAnalytics<T>(
  path: string,
  query: Record<string, string | undefined> = {},
): Promise<T> {
  const response = await fetch(analyticsUrl(path, query), { credentials: "same-origin" });
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as T;
}

export const analyticsKeys = {
  all: ["analytics"] as const,
  live: ["analytics", "live"] as const,
  recommendations: ["analytics", "recommendations"] as const,
};

/** Micro-units as an exact decimal string ("1234567" -> "1.234567"), never through a float. */
function microsToDecimal(micros: number): string {
  const digits = String(Math.abs(Math.trunc(micros))).padStart(7, "0");
  return `${micros < 0 ? "-" : ""}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** Numbers, rates and money (micro-units) in the user's language. */
export function useAnalyticsFormat() {
  const format = useFormat();
  return {
    ...format,
    money: (micros: number, currency: string) =>
      format.money(microsToDecimal(micros) as Intl.StringNumericLiteral, currency),
    rate: (value: number | null | undefined) =>
      value == null ? "—" : `${format.number(Math.round(value * 1000) / 10)} %`,
    seconds: (value: number | null | undefined) =>
      value == null ? "—" : value < 120 ? `${value} s` : `${format.number(Math.round(value / 60))} min`,
  };
}

/**
 * `analytics.updated` on the tenant's SSE stream (sent when rollups change, at most once a second):
 * the live figures are fetched again. Returns whether the stream is connected.
 */
export function useAnalyticsStream(): boolean {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource("/v1/events/stream", { withCredentials: true });
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener("analytics.updated", () => {
      void client.invalidateQueries({ queryKey: analyticsKeys.live });
      void client.invalidateQueries({ queryKey: analyticsKeys.recommendations });
    });
    return () => source.close();
  }, [client]);
  return live;
}
