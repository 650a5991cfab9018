// The only SQL for timers: the scheduler's TimerStore (loads without locks, claims with FOR UPDATE SKIP
// LOCKED and a lease) and the engine's writes. A fired or cancelled timer is deleted, so the table holds
// only what is still to fire.
import { sql, type Selectable } from 'kysely';
import type { Db, Queryable } from '../../db/create-db.js';
import type { TimersTable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import type { CommitmentId } from '../../shared/values.js';
import type { TimerKind } from './commitment.js';
import type { TimerRef } from './engine.types.js';
import type { Timer, TimerStore } from './timer-store.js';

function toTimer(row: Pick<Selectable<TimersTable>, 'id' | 'commitment_id' | 'kind' | 'fire_at' | 'due_at'>): Timer {
  return {
    id: row.id,
    commitmentId: row.commitment_id as CommitmentId,
    kind: row.kind as TimerKind,
    fireAt: row.fire_at,
    // Rows written before due_at existed fire at the due time (breach timers), which is what they were set for.
    dueAt: row.due_at ?? row.fire_at,
  };
}

/** Inserts timers (given ids are kept); returns them with their ids for the scheduler's near window. */
export async function insertTimers(q: Queryable, timers: readonly (TimerRef & { id?: string })[]): Promise<Timer[]> {
  if (timers.length === 0) return [];
  const withIds = timers.map((t) => ({ ...t, id: t.id ?? newId('tmr') }));
  await q
    .insertInto('timers')
    .values(withIds.map((t) => ({ id: t.id, commitment_id: t.commitmentId, kind: t.kind, fire_at: t.fireAt, due_at: t.dueAt })))
    .execute();
  return withIds;
}

export async function deleteTimersOfCommitments(q: Queryable, commitmentIds: readonly string[]): Promise<void> {
  if (commitmentIds.length === 0) return;
  await q
    .deleteFrom('timers')
    .where('commitment_id', 'in', [...commitmentIds])
    .execute();
}

/** Drops the pending timers of history commitments that would fire before `horizon`: the past is settled, not timed. */
export async function deleteHistoryTimersBefore(q: Queryable, options: { horizon: Date }): Promise<void> {
  await sql`
    delete from timers using commitments
    where timers.commitment_id = commitments.id and timers.fired_at is null
      and timers.fire_at < ${options.horizon.toISOString()}::timestamptz and commitments.details->>'history' = 'true'`.execute(q);
}

export async function deleteTimer(q: Queryable, id: string): Promise<void> {
  await q.deleteFrom('timers').where('id', '=', id).execute();
}

/** The scheduler's store on the database (PGlite or PostgreSQL); see TimerStore for the contract. */
export function createTimerStore(db: Db): TimerStore {
  return {
    async loadDue({ until, now, limit }) {
      const rows = await db
        .selectFrom('timers')
        .select(['id', 'commitment_id', 'kind', 'fire_at', 'due_at'])
        .where('fired_at', 'is', null)
        .where('fire_at', '<=', until)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .orderBy('fire_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toTimer);
    },
    async claim({ ids, owner, now, leaseUntil }) {
      if (ids.length === 0) return [];
      // Of several processes claiming the same rows, each row goes to exactly one: a row another claim holds
      // is skipped, and a row it already took no longer passes the lease test once that claim commits.
      // A commitment's timers go in order: one waits while an earlier one of its commitment is still to fire
      // and not abandoned (its lease ended), so a breach never overtakes the at-risk fire whose fallback
      // would have kept the commitment.
      const rows = await db
        .updateTable('timers')
        .set({ claimed_by: owner, claimed_until: leaseUntil })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('timers as candidate')
            .select('candidate.id')
            .where('candidate.id', 'in', [...ids])
            .where('candidate.fired_at', 'is', null)
            .where((inner) => inner.or([inner('candidate.claimed_until', 'is', null), inner('candidate.claimed_until', '<', now)]))
            .where((outer) =>
              outer.not(
                outer.exists(
                  outer
                    .selectFrom('timers as earlier')
                    .select('earlier.id')
                    .whereRef('earlier.commitment_id', '=', 'candidate.commitment_id')
                    .where('earlier.fired_at', 'is', null)
                    .where((e) => e.or([e('earlier.claimed_until', 'is', null), e('earlier.claimed_until', '>=', now)]))
                    .where((e) =>
                      e.or([e('earlier.fire_at', '<', e.ref('candidate.fire_at')), e.and([e('earlier.fire_at', '=', e.ref('candidate.fire_at')), e('earlier.id', '<', e.ref('candidate.id'))])]),
                    ),
                ),
              ),
            )
            .forUpdate()
            .skipLocked(),
        )
        .returning(['id', 'commitment_id', 'kind', 'fire_at', 'due_at'])
        .execute();
      return rows.map(toTimer);
    },
    async complete({ ids, owner }) {
      if (ids.length === 0) return;
      // Usually a no-op: the engine deletes the timer once its fire is done, deliveries included.
      await db
        .deleteFrom('timers')
        .where('id', 'in', [...ids])
        .where('claimed_by', '=', owner)
        .execute();
    },
  };
}

/** Timers whose fire time has passed but that have not fired: how many, and the oldest fire time (the scheduler's lag). */
export async function readOverdueTimers(q: Queryable, at: Date): Promise<{ count: number; oldestFireAt: Date | null }> {
  const row = await q
    .selectFrom('timers')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('fire_at').as('oldest')])
    .where('fired_at', 'is', null)
    .where('fire_at', '<=', at)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldestFireAt: row.oldest ? new Date(row.oldest as Date | string) : null };
}
