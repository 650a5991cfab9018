// The counts behind the Prometheus gauges. The store keeps them as commitments change (a ledger the
// commitments table's triggers append to; see the commitment-counts migration): a scrape sums a few rows
// instead of counting every commitment. countCommitments, the full count, stays as the ledger's check.
import { sql } from 'kysely';
import type { Db, Queryable } from '../../db/create-db.js';
import type { CommitmentCount } from './metrics.js';
import type { CommitmentKind } from './policy.schemas.js';

interface CountRow {
  kind: string;
  state: string;
  at_risk: boolean;
  n: number | string | bigint;
}

/** Open (with at-risk among them), breached and kept, per kind, from rows grouped by kind, state and at_risk. */
function toCommitmentCounts(rows: readonly CountRow[]): CommitmentCount[] {
  const counts = new Map<string, CommitmentCount>();
  const add = (state: CommitmentCount['state'], kind: string, n: number) => {
    const key = `${state}:${kind}`;
    const entry = counts.get(key) ?? { state, kind: kind as CommitmentKind, count: 0 };
    entry.count += n;
    counts.set(key, entry);
  };
  for (const row of rows) {
    const n = Number(row.n);
    if (n === 0) continue;
    if (row.state === 'open') {
      add('open', row.kind, n);
      if (row.at_risk) add('at_risk', row.kind, n);
    } else if (row.state === 'breached' || row.state === 'kept') {
      add(row.state, row.kind, n);
    }
  }
  return [...counts.values()];
}

/** The counts the store keeps: the ledger summed, a few rows however many commitments there are. */
export async function readCommitmentCounts(q: Queryable): Promise<CommitmentCount[]> {
  const rows = await q
    .selectFrom('commitment_counts')
    .select((eb) => ['kind', 'state', 'at_risk', eb.fn.sum<number>('n').as('n')])
    .groupBy(['kind', 'state', 'at_risk'])
    .execute();
  return toCommitmentCounts(rows);
}

/** The full count: one GROUP BY over every commitment. Slow on a large store; the ledger's reference. */
export async function countCommitments(q: Queryable): Promise<CommitmentCount[]> {
  const rows = await q
    .selectFrom('commitments')
    .select((eb) => ['kind', 'state', 'at_risk', eb.fn.countAll<number>().as('n')])
    .where('state', 'in', ['open', 'breached', 'kept'])
    .groupBy(['kind', 'state', 'at_risk'])
    .execute();
  return toCommitmentCounts(rows);
}

// Any number that is not another lock's: the compaction's advisory lock.
const compactionLock = 7_140_517;

/**
 * Folds the ledger into one row per count. One compaction at a time (a second one skips): a compaction that
 * waited on another's deletions would see neither its rows nor their sum. Rows appended meanwhile by other
 * transactions are not in the DELETE's snapshot and stay. Returns how many rows it folded.
 */
export async function compactCommitmentCounts(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${compactionLock}) as locked`.execute(tx);
    if (!locked.rows[0]?.locked) return 0;
    const folded = await sql<{ folded: number | string }>`
      with gone as (delete from commitment_counts returning kind, state, at_risk, n),
      summed as (select kind, state, at_risk, sum(n) as n from gone group by kind, state, at_risk),
      kept as (insert into commitment_counts (kind, state, at_risk, n) select kind, state, at_risk, n from summed where n <> 0)
      select count(*) as folded from gone`.execute(tx);
    return Number(folded.rows[0]?.folded ?? 0);
  });
}
