import { sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { emit } from "../../events/index.ts";

interface SlaRow {
  id: string;
  tenant_id: string;
  team_id: string;
  sla: "first_response" | "resolution";
  due_at: string;
  breached: boolean;
}

/**
 * Warns once per conversation opening and SLA: when `warnAtPercent` of the team's first-response time
 * (from the oldest unanswered customer message) or resolution time (from opening) has passed, and
 * again when it is breached. Pending and snoozed conversations still count (the customer waits).
 */
export async function checkSlas(services: Services, now = new Date()): Promise<number> {
  return services.database.db.transaction(async (tx) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    const result = await tx.execute(sql`
      with due as (
        select c.id, c.tenant_id, c.team_id, c.sla_warnings, s.sla, s.start_at,
               s.start_at + make_interval(mins => s.minutes) as due_at,
               s.start_at + make_interval(secs => s.minutes * 60 * t.warn_at_percent / 100.0) as warn_at
        from conversations c
        join teams t on t.id = c.team_id
        cross join lateral (values
          ('first_response', c.waiting_since, t.first_response_minutes),
          ('resolution', c.opened_at, t.resolution_minutes)) as s(sla, start_at, minutes)
        where c.status <> 'resolved' and s.minutes is not null and s.start_at is not null
      )
      select id, tenant_id, team_id, sla, due_at::text as due_at, due_at <= ${at} as breached
      from due
      where (warn_at <= ${at} and not (sla || ':warned') = any(sla_warnings))
         or (due_at <= ${at} and not (sla || ':breached') = any(sla_warnings))`);
    const rows = (result as unknown as { rows: SlaRow[] }).rows;
    for (const row of rows) {
      const marks = [`${row.sla}:warned`, ...(row.breached ? [`${row.sla}:breached`] : [])];
      await tx.execute(sql`
        update conversations set sla_warnings = array(select distinct unnest(sla_warnings || array[${sql.join(
          marks.map((mark) => sql`${mark}`),
          sql`, `,
        )}]::text[]))
        where id = ${row.id}`);
    }
    await emit(
      { boss: services.boss, tx },
      rows.map((row) => ({
        type: "conversation.sla_warning" as const,
        tenantId: row.tenant_id,
        data: {
          conversationId: row.id,
          teamId: row.team_id,
          sla: row.sla,
          dueAt: new Date(row.due_at).toISOString(),
          breached: row.breached,
        },
      })),
    );
    return rows.length;
  });
}
