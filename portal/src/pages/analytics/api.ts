import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { problemFrom } from "../../api/problem";
import type { paths } from "../../api/schema";
import { useFormat } from "../../i18n/format";

/** The answer of GET /v1/analytics/<path>, from the generated OpenAPI types (src/modules/analytics/routes.ts). */
type Answer<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer T } } } };
}
  ? T
  : never;
type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type MessagesReport = Answer<"/v1/analytics/messages">;
export type Totals = MessagesReport["totals"];
export type BreakdownRow = Answer<"/v1/analytics/breakdown">["rows"][number];
export type AgentRow = Answer<"/v1/analytics/agents">["rows"][number];
export type BotRow = Answer<"/v1/analytics/bots">["rows"][number];
export type LiveDashboard = Answer<"/v1/analytics/live">;
export type Recommendation = Answer<"/v1/analytics/recommendations">["items"][number];

export type Dimension = Query<"/v1/analytics/breakdown">["dimension"];
export type Bucket = NonNullable<Query<"/v1/analytics/messages">["bucket"]>;
/** Every dimension and bucket the API takes, in the order the page offers them (the type check keeps them whole). */
export const DIMENSIONS = Object.keys({
  number: true,
  template: true,
  campaign: true,
  category: true,
  market: true,
  error_code: true,
} satisfies Record<Dimension, true>) as Dimension[];
export const BUCKETS = Object.keys({ hour: true, day: true, week: true, month: true } satisfies Record<
  Bucket,
  true
>) as Bucket[];

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
