// The only SQL of search: trigram matching (pg_trgm) over names, identities, tracking numbers and case
// subjects, btree prefixes for addresses and order numbers, and full-text search over message text. Each kind
// is one statement whose every branch reads an index that stops early or a list bounded by `candidates`, and
// is scored in [0, 1] (docs/search.md).
import { sql } from 'kysely';
import type { Db, Queryable } from '../../db/create-db.js';
import type { ParsedQuery } from './search.js';

export interface SearchRow {
  id: string;
  score: number;
}

// Names, identities, orders, case subjects and messages matching a common fragment or word ("lopez",
// "order", "777") are scored among the first this many found, so a query never scores a whole table.
const candidates = 200;
// A word is looked for first among the newest messages, read by time: a common word is found there at once
// (most queries), and the full-text index, whose cost grows with how many messages hold a word, is read only
// when these hold fewer than `limit` (a word in under 1 message in 100 lately).
const recentMessages = 2000;
// Marks \u0002 … \u0003 around what matched: characters no message text carries, read back by readHeadline.
const headlineOptions = 'StartSel=\u0002, StopSel=\u0003, MaxWords=24, MinWords=8, MaxFragments=1';

type CustomerRow = { id: string; name: string | null; value: string | null; kind: string | null; score: number };

// Under three letters or digits in a row a trigram index has nothing to look up (it would read itself
// whole): those branches read nothing, and names, addresses and order numbers are found from their start.
const nothing = sql`false`;

export async function searchCustomers(q: Queryable, query: ParsedQuery, limit: number) {
  const like = `%${query.like}%`;
  const prefix = `${query.like.toLowerCase()}%`;
  // Addresses and handles from their start first (a btree); anywhere inside (trigrams) only when that finds
  // none: the trigram lists of what every address shares ("exa", "com") are long to read.
  const { rows } = await sql<CustomerRow>`
    with prefixed as (
      select customer_id, value, kind from identities where lower(value) like ${prefix} limit ${candidates}
    ),
    inside as (
      select customer_id, value, kind from identities
      where not exists (select 1 from prefixed)
        and ${query.trigrams ? sql`(value ilike ${like} ${query.digits ? sql`or (kind = 'phone' and value like ${`%${query.digits}%`})` : sql``})` : nothing}
      limit ${candidates}
    ),
    identity as (select * from prefixed union all select * from inside)
    select n.id, n.name, null::text as value, null::text as kind, word_similarity(${query.text}, n.name) as score
    from (select id, name from customers where merged_into is null and ${query.trigrams ? sql`name ilike ${like}` : sql`lower(name) like ${prefix}`} limit ${candidates}) n
    union all
    select i.customer_id, c.name, i.value, i.kind,
      case when lower(i.value) = lower(${query.text}) then 1 else word_similarity(${query.text}, i.value) end
    -- Each address's customer by its key (the limit keeps the planner from hashing the whole table instead).
    from identity i cross join lateral (select name from customers where id = i.customer_id and merged_into is null limit 1) c`.execute(q);
  return rows
    .map((row) => ({ ...row, score: Number(row.score) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit * 2);
}

export async function searchOrders(q: Queryable, query: ParsedQuery, limit: number) {
  // An order number typed from its start or its end (its last digits) is read from a btree; a piece from
  // inside it or a tracking number by trigrams, and only when the btrees found fewer than `limit`.
  const { rows } = await sql<{ number: string; customer_id: string | null; state: string; tracking_number: string | null; score: number }>`
    with edges as (
      (select number, customer_id, state, tracking_number from orders where upper(number) like upper(${`${query.like}%`}) limit ${candidates})
      union
      (select number, customer_id, state, tracking_number from orders where reverse(upper(number)) like upper(${`${query.reversedLike}%`}) limit ${candidates})
    ),
    inside as (
      select number, customer_id, state, tracking_number from orders
      where (select count(*) from edges) < ${limit}
        and ${query.trigrams ? sql`(number ilike ${`%${query.like}%`} or tracking_number ilike ${`%${query.like}%`})` : nothing}
      limit ${candidates}
    )
    select number, customer_id, state, tracking_number,
      greatest(
        case when upper(number) = upper(${query.text}) or upper(tracking_number) = upper(${query.text}) then 1 else 0 end,
        similarity(number, ${query.text}), coalesce(similarity(tracking_number, ${query.text}), 0),
        case when reverse(upper(number)) like upper(${`${query.reversedLike}%`}) then 0.9 else 0 end
      ) as score
    from (select * from edges union select * from inside) o
    order by score desc, number limit ${limit}`.execute(q);
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}

export async function searchCases(q: Queryable, query: ParsedQuery, limit: number) {
  const like = `%${query.like}%`;
  const { rows } = await sql<{ id: string; number: number; customer_id: string; subject: string; state: string; score: number }>`
    select id, number, customer_id, subject, state,
      case when number = ${query.caseNumber ?? -1} then 1 else word_similarity(${query.text}, subject) end as score
    from (
      (select id, number, customer_id, subject, state from cases where ${query.trigrams ? sql`subject ilike ${like}` : nothing} limit ${candidates})
      ${query.caseNumber !== null ? sql`union select id, number, customer_id, subject, state from cases where number = ${query.caseNumber}` : sql``}
    ) c
    order by score desc, id limit ${limit}`.execute(q);
  return rows.map((row) => ({ ...row, number: Number(row.number), score: Number(row.score) }));
}

export async function searchMessages(db: Db, query: ParsedQuery, limit: number) {
  const { tsquery } = query;
  if (!tsquery) return [];
  // The tsquery is written into each clause (not a CTE), so the planner sees it and uses the index.
  const tsq = sql`to_tsquery('simple', ${tsquery})`;
  type MessageRow = { id: string; case_id: string | null; customer_id: string | null; direction: string; at: Date; headline: string; score: number };
  const { rows } = await db.transaction().execute(async (tx) => {
    // The planner guesses how many messages hold a prefix ("lopez:*") at 2 in 100 and would then read the
    // table in order, hoping to meet enough soon; for a word no message holds it reads all of it. The
    // full-text index is always the better way here: the common words were found among the newest already.
    await sql`set local enable_seqscan = off`.execute(tx);
    return sql<MessageRow>`
      with recent as (
        select m.id, m.case_id, m.customer_id, m.direction, m.at, m.search_vector
        from (select id, case_id, customer_id, direction, at, search_vector from messages order by at desc limit ${recentMessages}) m
        where m.search_vector @@ ${tsq}
        limit ${candidates}
      ),
      older as (
        select id, case_id, customer_id, direction, at, search_vector from messages
        where (select count(*) from recent) < ${limit} and search_vector @@ ${tsq}
        limit ${candidates}
      ),
      found as (select * from recent union all select * from older where id not in (select id from recent)),
      best as (
        select id, case_id, customer_id, direction, at, ts_rank_cd(search_vector, ${tsq}, 32) as score
        from found order by score desc, at desc limit ${limit}
      )
      select best.id, best.case_id, best.customer_id, best.direction, best.at, best.score,
        ts_headline('simple', left(m.body, 20000), ${tsq}, ${headlineOptions}) as headline
      from best join messages m on m.id = best.id
      order by best.score desc, best.at desc`.execute(tx);
  });
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}
