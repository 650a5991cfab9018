// The gauges' counts are kept by the store as commitments change: after opens, keeps, breaches, waives, a
// bounce that reopens, history settled, and writers racing each other, they equal a fresh count of every row.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/helpers/stores.js';
import * as migration from '../../db/migrations/2026-12-06T15-40-commitment-counts.js';
import { withTransaction } from '../../db/transaction.js';
import { breachHistoryCommitments, insertCommitments, moveCommitments, reopenCommitmentsKeptByBouncedMessage } from './commitment.repo.js';
import { dueAt, notifyCommitment } from './fixtures/notify-commitment.js';
import { compactCommitmentCounts, countCommitments, readCommitmentCounts } from './commitment-counts.repo.js';
import type { CommitmentCount } from './metrics.js';
import type { CommitmentKind } from './policy.schemas.js';

const open = (id: string, kind: CommitmentKind = 'notify') => notifyCommitment(id, { kind });

const opens = (ids: readonly string[], kind?: CommitmentKind, details: Record<string, unknown> = {}) => ids.map((id) => ({ key: `open:${id}`, commitment: open(id, kind), details }));
const sorted = (counts: readonly CommitmentCount[]) => [...counts].sort((a, b) => `${a.state}:${a.kind}`.localeCompare(`${b.state}:${b.kind}`));
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe.each(storeKinds)('commitment counts on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store?.close());

  const expectKeptEqualsFresh = async () => {
    const fresh = sorted(await countCommitments(store.db));
    expect(sorted(await readCommitmentCounts(store.db))).toEqual(fresh);
    return fresh;
  };

  it('follow opens, at-risk marks, keeps, breaches, waives, a late keep and a bounce that reopens', async () => {
    await insertCommitments(store.db, [...opens(range('n', 6)), ...opens(range('a', 3), 'acknowledge')]);
    // A replayed open (same key) inserts nothing and counts nothing.
    await insertCommitments(store.db, opens(['n0']));
    const kept = { ...open('n0'), state: 'kept' as const, fulfilledBy: 'msg_1', fulfilledAt: new Date('2026-12-01T10:05:00Z') };
    const late = { ...open('n2'), state: 'kept' as const, fulfilledBy: 'msg_3', fulfilledAt: new Date('2026-12-01T10:20:00Z'), keptLate: true };
    await withTransaction(store.db, async (tx) => {
      await moveCommitments(tx, [
        { from: 'open', to: kept },
        { from: 'open', to: { ...open('n2'), state: 'breached', breachedAt: dueAt } },
        { from: 'open', to: { ...open('n3'), state: 'waived', waivedReason: 'duplicate' } },
        { from: 'open', to: { ...open('n4'), atRiskAt: new Date('2026-12-01T10:10:00Z') } },
        { from: 'open', to: { ...open('a0', 'acknowledge'), state: 'kept', fulfilledBy: 'msg_2', fulfilledAt: new Date('2026-12-01T10:01:00Z') } },
      ]);
      // A move read from a stale state changes no row and no count.
      await moveCommitments(tx, [{ from: 'open', to: { ...open('n0'), state: 'breached', breachedAt: dueAt } }]);
    });
    expect(await expectKeptEqualsFresh()).toEqual(
      sorted([
        { state: 'open', kind: 'notify', count: 3 },
        { state: 'at_risk', kind: 'notify', count: 1 },
        { state: 'kept', kind: 'notify', count: 1 },
        { state: 'breached', kind: 'notify', count: 1 },
        { state: 'open', kind: 'acknowledge', count: 2 },
        { state: 'kept', kind: 'acknowledge', count: 1 },
      ]),
    );

    await moveCommitments(store.db, [{ from: 'breached', to: { ...late, breachedAt: dueAt } }]);
    await moveCommitments(store.db, [{ from: 'open', to: { ...open('n1'), fulfilledBy: 'msg_1', state: 'kept', fulfilledAt: new Date('2026-12-01T10:06:00Z') } }]);
    // The message that kept n0 and n1 bounced: owed again, breached as its deadline has passed.
    await withTransaction(store.db, (tx) => reopenCommitmentsKeptByBouncedMessage(tx, { messageId: 'msg_1', at: new Date('2026-12-01T10:30:00Z') }));
    await insertCommitments(store.db, opens(range('h', 4), 'notify', { history: true }));
    await breachHistoryCommitments(store.db, { upTo: new Date('2026-12-01T11:00:00Z') });
    const fresh = await expectKeptEqualsFresh();
    // n0 and n1 reopened past their deadline, h0–h3 settled as broken.
    expect(fresh).toContainEqual({ state: 'breached', kind: 'notify', count: 6 });

    await compactCommitmentCounts(store.db);
    await expectKeptEqualsFresh();
    const ledger = await store.db
      .selectFrom('commitment_counts')
      .select((eb) => eb.fn.countAll<number>().as('rows'))
      .executeTakeFirstOrThrow();
    // One row per (kind, state, at_risk) holding commitments: notify open, open at risk, kept, breached and
    // waived; acknowledge open and kept.
    expect(Number(ledger.rows)).toBe(7);
    await sql`delete from commitments where id = 'a1'`.execute(store.db);
    await expectKeptEqualsFresh();
  });

  it('stay exact while writers and compactions race on several connections', async () => {
    const writers = Array.from({ length: 6 }, (_, w) =>
      withTransaction(store.db, async (tx) => {
        const ids = range(`w${w}_`, 20);
        await insertCommitments(tx, opens(ids, w % 2 === 0 ? 'notify' : 'acknowledge'));
        const kind: CommitmentKind = w % 2 === 0 ? 'notify' : 'acknowledge';
        await moveCommitments(
          tx,
          ids.slice(0, 7).map((id) => ({ from: 'open' as const, to: { ...open(id, kind), state: 'kept' as const, fulfilledBy: `m_${id}`, fulfilledAt: dueAt } })),
        );
        await moveCommitments(
          tx,
          ids.slice(7, 12).map((id) => ({ from: 'open' as const, to: { ...open(id, kind), state: 'breached' as const, breachedAt: dueAt } })),
        );
      }),
    );
    const compactions = Array.from({ length: 3 }, () => compactCommitmentCounts(store.db));
    await Promise.all([...writers, ...compactions]);
    await expectKeptEqualsFresh();
    await compactCommitmentCounts(store.db);
    await expectKeptEqualsFresh();
  });

  it('start from the commitments already stored when the migration runs', async () => {
    // As the migrator runs it: in one transaction.
    await store.db.transaction().execute((tx) => migration.down(tx));
    await insertCommitments(store.db, opens(range('pre', 5), 'acknowledge'));
    await store.db.transaction().execute((tx) => migration.up(tx));
    await expectKeptEqualsFresh();
  });
});
