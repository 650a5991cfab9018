// The one write of a commitment's state: whatever a caller holds in memory, a closed commitment never moves
// again, and a breached one only to kept (late) or waived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/helpers/stores.js';
import type { CommitmentState } from './commitment.js';
import { insertCommitments, moveCommitments } from './commitment.repo.js';
import { notifyCommitment } from './fixtures/notify-commitment.js';

const commitment = (id: string, state: CommitmentState) => notifyCommitment(id, { state });

describe.each(storeKinds)('moving commitments on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
    await insertCommitments(
      store.db,
      ['a', 'b', 'c', 'd'].map((id) => ({ key: `open:${id}`, commitment: commitment(`com_${id}`, 'open'), details: {} })),
    );
  });
  afterAll(async () => store?.close());

  const stateOf = async (id: string) => await store.db.selectFrom('commitments').select(['state', 'breached_at', 'kept_late']).where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps an open commitment, and refuses a breach read before it was kept', async () => {
    const kept = { ...commitment('com_a', 'kept'), fulfilledBy: 'msg_1', fulfilledAt: new Date('2026-12-01T10:20:00Z'), keptLate: true };
    expect(await moveCommitments(store.db, [{ from: 'open', to: kept }])).toEqual(new Set(['com_a']));
    // A timer that read it open before the keep committed says "open → breached": the store says no.
    const breached = { ...commitment('com_a', 'breached'), breachedAt: new Date('2026-12-01T10:21:00Z') };
    expect(await moveCommitments(store.db, [{ from: 'open', to: breached }])).toEqual(new Set());
    expect(await stateOf('com_a')).toMatchObject({ state: 'kept', breached_at: null, kept_late: true });
  });

  it('moves a breached commitment only to kept late or waived, and nothing closed at all', async () => {
    const breached = { ...commitment('com_b', 'breached'), breachedAt: new Date('2026-12-01T10:15:00Z') };
    expect(await moveCommitments(store.db, [{ from: 'open', to: breached }])).toEqual(new Set(['com_b']));
    await expect(moveCommitments(store.db, [{ from: 'breached', to: commitment('com_b', 'open') }])).rejects.toThrow(/cannot move from breached to open/);
    const late = { ...breached, state: 'kept' as const, fulfilledBy: 'msg_2', fulfilledAt: new Date('2026-12-01T11:00:00Z'), keptLate: true };
    expect(await moveCommitments(store.db, [{ from: 'breached', to: late }])).toEqual(new Set(['com_b']));
    await expect(moveCommitments(store.db, [{ from: 'kept', to: { ...late, state: 'waived' } }])).rejects.toThrow(/cannot move from kept to waived/);
    // Claiming it is still breached does not help either: the row is kept.
    expect(await moveCommitments(store.db, [{ from: 'breached', to: { ...late, state: 'waived', waivedReason: 'late' } }])).toEqual(new Set());
    expect((await stateOf('com_b')).state).toBe('kept');
  });

  it('moves many in one statement and reports exactly the ones it moved', async () => {
    const moved = await moveCommitments(store.db, [
      { from: 'open', to: { ...commitment('com_c', 'waived'), waivedReason: 'duplicate' } },
      { from: 'open', to: { ...commitment('com_d', 'open'), atRiskAt: new Date('2026-12-01T10:10:00Z') } },
      { from: 'open', to: { ...commitment('com_a', 'breached') } },
    ]);
    expect(moved).toEqual(new Set(['com_c', 'com_d']));
  });
});
