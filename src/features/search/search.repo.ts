// The only SQL of search: trigram matching (pg_trgm) over names, identities, order, tracking numbers and case
// subjects, and full-text search over message text, each bounded by `limit` and scored in [0, 1].
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { ParsedQuery } from './search.js';

export interface SearchRow {
  id: string;
  score: number;
}

// Messages matching a very common word are ranked among the first this many found, not all of them: the
// bound keeps a search fast with millions of messages.
const messageCandidates = 500;
// Names, identities, orders and case subjects matching a common fragment ("lopez", "order", "777") are scored
// among the first this many found, so a query never scores a whole table.
const candidates = 500;
// Marks \u0002 … \u0003 around what matched: characters no message text carries, read back by readHeadline.
const headlineOptions = 'StartSel=\u0002, StopSel=\u0003, MaxWords=24, MinWords=8, MaxFragments=1';

type CustomerRow = { id: string; name: string | null; value: string | null; kind: string | null; score: number };

function identityMatches(q: Queryable, options: { where: RawBuilder<unknown>; query: ParsedQuery }) {
  return sql<CustomerRow>`
    select i.customer_id as id, c.name, i.value, i.kind,
      case when lower(i.value) = lower(${options.query.text}) then 1 else word_similarity(${options.query.text}, i.value) end as score
    from (select customer_id, value, kind from identities where ${options.where} limit ${candidates}) i
    join customers c on c.id = i.customer_id
    where c.merged_into is null`.execute(q);
}

export async function searchCustomers(q: Queryable, query: ParsedQuery, limit: number) {
  const like = `%${query.like}%`;
  const names = await sql<CustomerRow>`
    select n.id, n.name, null::text as value, null::text as kind, word_similarity(${query.text}, n.name) as score
    from (select id, name from customers where merged_into is null and name ilike ${like} limit ${candidates}) n`.execute(q);
  // Addresses and handles from their start first (a btree); anywhere inside only when that finds too few.
  const prefixed = await identityMatches(q, { where: sql`lower(value) like ${`${query.like.toLowerCase()}%`}`, query });
  const inside =
    prefixed.rows.length >= limit
      ? { rows: [] }
      : await identityMatches(q, { where: sql`value ilike ${like} ${query.digits ? sql`or (kind = 'phone' and value like ${`%${query.digits}%`})` : sql``}`, query });
  return [...names.rows, ...prefixed.rows, ...inside.rows]
    .map((row) => ({ ...row, score: Number(row.score) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit * 2);
}

export async function searchOrders(q: Queryable, query: ParsedQuery, limit: number) {
  const like = `%${query.like}%`;
  const { rows } = await sql<{ number: string; customer_id: string | null; state: string; tracking_number: string | null; score: number }>`
    select number, customer_id, state, tracking_number,
      greatest(
        case when upper(number) = upper(${query.text}) or upper(tracking_number) = upper(${query.text}) then 1 else 0 end,
        similarity(number, ${query.text}), coalesce(similarity(tracking_number, ${query.text}), 0),
        case when number ilike ${`%${query.like}`} then 0.9 else 0 end
      ) as score
    from (select number, customer_id, state, tracking_number from orders where number ilike ${like} or tracking_number ilike ${like} limit ${candidates}) o
    order by score desc, number limit ${limit}`.execute(q);
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}

export async function searchCases(q: Queryable, query: ParsedQuery, limit: number) {
  const like = `%${query.like}%`;
  const { rows } = await sql<{ id: string; number: number; customer_id: string; subject: string; state: string; score: number }>`
    select id, number, customer_id, subject, state,
      case when number = ${query.caseNumber ?? -1} then 1 else word_similarity(${query.text}, subject) end as score
    from (
      (select id, number, customer_id, subject, state from cases where subject ilike ${like} limit ${candidates})
      ${query.caseNumber !== null ? sql`union select id, number, customer_id, subject, state from cases where number = ${query.caseNumber}` : sql``}
    ) c
    order by score desc, id limit ${limit}`.execute(q);
  return rows.map((row) => ({ ...row, number: Number(row.number), score: Number(row.score) }));
}

export async function searchMessages(q: Queryable, query: ParsedQuery, limit: number) {
  if (!query.tsquery) return [];
  // The tsquery is written into each clause (not a CTE), so the planner sees it and uses the index.
  const tsq = sql`to_tsquery('simple', ${query.tsquery})`;
  const { rows } = await sql<{ id: string; case_id: string | null; customer_id: string | null; direction: string; at: Date; headline: string; score: number }>`
    with found as (
      select m.id, m.case_id, m.customer_id, m.direction, m.at, m.body, ts_rank_cd(m.search_vector, ${tsq}, 32) as rank
      from messages m where m.search_vector @@ ${tsq}
      limit ${messageCandidates}
    ),
    best as (select * from found order by rank desc, at desc limit ${limit})
    select best.id, best.case_id, best.customer_id, best.direction, best.at, best.rank as score,
      ts_headline('simple', left(best.body, 20000), ${tsq}, ${headlineOptions}) as headline
    from best order by best.rank desc, best.at desc`.execute(q);
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}
