import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { listUsers } from "../accounts/index.ts";
import { flowNames } from "../bots/index.ts";
import { csatResults } from "../csat/index.ts";
import { DURATION_BUCKETS } from "./deltas.ts";

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The median of a histogram (bucket -> count), as the upper bound of the bucket holding the middle value. */
export function histogramMedian(buckets: Map<number, number>): number | null {
  const total = [...buckets.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) {
    seen += buckets.get(bucket)!;
    if (seen * 2 >= total) return DURATION_BUCKETS[bucket] ?? DURATION_BUCKETS.at(-1)! * 2;
  }
  return null;
}

/** Per agent over the period: conversations resolved, median first-response and resolution times, CSAT. */
export async function agentsReport(db: Executor, tenantId: string, from: Date, to: Date) {
  const rows = rowsOf<{ user_id: string; metric: string; bucket: number; count: string | number }>(
    await db.execute(sql`
      select user_id, metric, bucket, sum(count)::float8 as count from analytics_agent_hourly
      where tenant_id = ${tenantId} and hour >= ${from.toISOString()}::timestamptz and hour < ${to.toISOString()}::timestamptz
      group by 1, 2, 3`),
  );
  const agents = new Map<
    string,
    { handled: number; first: Map<number, number>; resolution: Map<number, number> }
  >();
  for (const row of rows) {
    const agent = agents.get(row.user_id) ?? { handled: 0, first: new Map(), resolution: new Map() };
    const count = Number(row.count);
    if (row.metric === "handled") agent.handled += count;
    else (row.metric === "first_response" ? agent.first : agent.resolution).set(Number(row.bucket), count);
    agents.set(row.user_id, agent);
  }
  const csat = new Map((await csatResults(db, tenantId, from)).agents.map((row) => [row.id, row]));
  const users = new Map((await listUsers(db, tenantId)).map((user) => [user.id, user.name]));
  const ids = new Set([...agents.keys(), ...[...csat.keys()].filter((id): id is string => id !== null)]);
  return {
    rows: [...ids].map((id) => {
      const agent = agents.get(id);
      const score = csat.get(id);
      return {
        user_id: id,
        name: users.get(id) ?? "",
        conversations_handled: agent?.handled ?? 0,
        first_response_p50_s: agent ? histogramMedian(agent.first) : null,
        resolution_p50_s: agent ? histogramMedian(agent.resolution) : null,
        csat_avg: score?.averageScore ?? null,
        csat_count: score?.answered ?? 0,
      };
    }),
  };
}

/** Per bot flow over the period: sessions started, completed, handed over to a person. */
export async function botsReport(db: Executor, tenantId: string, from: Date, to: Date) {
  const rows = rowsOf<{ flow_id: string; sessions: number; completions: number; handovers: number }>(
    await db.execute(sql`
      select flow_id, sum(sessions)::float8 as sessions, sum(completions)::float8 as completions,
        sum(handovers)::float8 as handovers from analytics_bot_hourly
      where tenant_id = ${tenantId} and hour >= ${from.toISOString()}::timestamptz and hour < ${to.toISOString()}::timestamptz
      group by 1 order by 2 desc`),
  );
  const names = await flowNames(
    db,
    tenantId,
    rows.map((row) => row.flow_id),
  );
  return {
    rows: rows.map((row) => ({
      flow_id: row.flow_id,
      name: names.get(row.flow_id) ?? "",
      sessions: Number(row.sessions),
      completions: Number(row.completions),
      handovers: Number(row.handovers),
    })),
  };
}
