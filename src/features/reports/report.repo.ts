// The SQL behind the dashboard and the agents' load. Days are counted from the window's start in whole
// 24-hour steps, so the answer does not depend on the database session's time zone.
import { sql } from 'kysely';
import type { Queryable } from '../../db/create-db.js';

export interface Range {
  from: Date;
  to: Date;
}

/** Commitments kept (closed as kept) and breached (deadline passed) on each day of the range. */
export async function countKeptAndBreachedByDay(q: Queryable, range: Range): Promise<Array<{ dayIndex: number; kept: number; breached: number }>> {
  const result = await sql<{ day_index: number; kept: number; breached: number }>`
    select day_index, sum(kept)::int as kept, sum(breached)::int as breached from (
      select floor(extract(epoch from (closed_at - ${range.from}::timestamptz)) / 86400)::int as day_index, 1 as kept, 0 as breached
        from commitments where state = 'kept' and closed_at >= ${range.from} and closed_at < ${range.to}
      union all
      select floor(extract(epoch from (breached_at - ${range.from}::timestamptz)) / 86400)::int, 0, 1
        from commitments where breached_at >= ${range.from} and breached_at < ${range.to}
    ) as closed
    group by day_index`.execute(q);
  return result.rows.map((row) => ({ dayIndex: Number(row.day_index), kept: Number(row.kept), breached: Number(row.breached) }));
}

/** Cases not resolved at the end of each day of the range (the backlog an agent team carries overnight). */
export async function countBacklogByDay(q: Queryable, input: Range & { dayCount: number }): Promise<Array<{ dayIndex: number; open: number }>> {
  const result = await sql<{ day_index: number; open: number }>`
    select d.day_index, count(c.id)::int as open
    from generate_series(0, ${input.dayCount - 1}::int) as d(day_index)
    left join cases c
      on c.created_at < ${input.from}::timestamptz + (d.day_index + 1) * interval '24 hours'
     and (c.state <> 'resolved' or c.resolved_at >= ${input.from}::timestamptz + (d.day_index + 1) * interval '24 hours')
    group by d.day_index`.execute(q);
  return result.rows.map((row) => ({ dayIndex: Number(row.day_index), open: Number(row.open) }));
}

/**
 * Cases whose first customer message arrived in the range, counted by how long the first agent reply
 * after it took: index i is the first bound in `boundsMinutes` the wait is under, -1 when no agent has
 * replied yet.
 */
export async function countFirstResponsesByBucket(q: Queryable, input: Range & { boundsMinutes: number[] }): Promise<Array<{ bucket: number; count: number }>> {
  const finite = input.boundsMinutes.filter((bound) => Number.isFinite(bound));
  const whens = finite.map((bound, index) => sql`when minutes < ${sql.lit(bound)} then ${sql.lit(index)}`);
  const result = await sql<{ bucket: number; count: number }>`
    with first_in as (
      select case_id, min(at) as first_in from messages
      where direction = 'in' and author_kind = 'customer' and noise is null and case_id is not null
      group by case_id
    ), waits as (
      select extract(epoch from (
        (select min(reply.at) from messages reply where reply.case_id = f.case_id and reply.direction = 'out' and reply.author_kind = 'agent' and reply.at >= f.first_in)
        - f.first_in)) / 60.0 as minutes
      from first_in f where f.first_in >= ${input.from} and f.first_in < ${input.to}
    )
    select (case when minutes is null then -1 ${sql.join(whens, sql` `)} else ${sql.lit(finite.length)} end)::int as bucket, count(*)::int as count
    from waits group by 1`.execute(q);
  return result.rows.map((row) => ({ bucket: Number(row.bucket), count: Number(row.count) }));
}

/** Commitments that breached in the range, by kind, most first. */
export async function countBreachesByKind(q: Queryable, range: Range): Promise<Array<{ kind: string; count: number }>> {
  const rows = await q
    .selectFrom('commitments')
    .select(['kind', sql<number>`count(*)::int`.as('count')])
    .where('breached_at', '>=', range.from)
    .where('breached_at', '<', range.to)
    .groupBy('kind')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
}

/** Open at-risk commitments by agent: those they own, or that sit on cases they own. */
export async function countAtRiskByAgent(q: Queryable): Promise<Map<string, number>> {
  const result = await sql<{ agent_id: string; at_risk: number }>`
    select coalesce(k.owner_id, c.owner_id) as agent_id, count(*)::int as at_risk
    from commitments k left join cases c on c.id = k.case_id
    where k.state = 'open' and k.at_risk and coalesce(k.owner_id, c.owner_id) is not null
    group by 1`.execute(q);
  return new Map(result.rows.map((row) => [row.agent_id, Number(row.at_risk)]));
}
