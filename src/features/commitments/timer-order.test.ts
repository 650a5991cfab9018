// A commitment's timers are claimed in order on both stores: a breach waits while the at-risk fire before it
// is still to happen or under way anywhere (its fallback would keep the commitment), and goes once that
// timer is done or abandoned (its lease ended).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/helpers/stores.js';
import type { TimerStore } from './timer-store.js';
import { createTimerStore } from './timer.repo.js';

const due = new Date('2026-12-07T12:00:00Z');
const atRiskAt = new Date('2026-12-07T11:30:00Z');
const later = new Date('2026-12-07T13:00:00Z');
const lease = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

describe.each(storeKinds)('timer claims in commitment order on %s', (kind) => {
  let store: TestStore;
  let timers: TimerStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
    timers = createTimerStore(store.db);
  });
  afterAll(async () => store?.close());

  async function seedCommitment(name: string): Promise<void> {
    await sql`
      insert into commitments (id, kind, state, due_at, owner_role, policy_id, opened_by, opened_at, open_key, details)
      values (${name}, 'notify', 'open', ${due.toISOString()}, 'agent', 'notify-order-change', ${`seed-${name}`}, ${atRiskAt.toISOString()}, ${`seed:${name}`}, '{}'::jsonb)`.execute(store.db);
    await sql`
      insert into timers (id, commitment_id, kind, fire_at, due_at)
      values (${`${name}-at-risk`}, ${name}, 'at_risk', ${atRiskAt.toISOString()}, ${due.toISOString()}),
             (${`${name}-breach`}, ${name}, 'breach', ${due.toISOString()}, ${due.toISOString()})`.execute(store.db);
  }
  const claimIds = (ids: string[], owner: string, now: Date, seconds = 30) => timers.claim({ ids, owner, now, leaseUntil: lease(now, seconds) }).then((won) => won.map((timer) => timer.id));

  it('holds the breach while its at-risk timer is unclaimed or being fired, and lets it go once that is done', async () => {
    await seedCommitment('order-1');
    // Both are due: the breach alone is not claimed while the at-risk before it has not fired.
    expect(await claimIds(['order-1-breach'], 'b', later)).toEqual([]);
    // Claimed together, only the first goes.
    expect(await claimIds(['order-1-at-risk', 'order-1-breach'], 'a', later)).toEqual(['order-1-at-risk']);
    // Another process asking for the breach while the at-risk is being fired gets nothing.
    expect(await claimIds(['order-1-breach'], 'b', later)).toEqual([]);
    await timers.complete({ ids: ['order-1-at-risk'], owner: 'a', now: later });
    expect(await claimIds(['order-1-breach'], 'b', later)).toEqual(['order-1-breach']);
  });

  it('lets the breach go when the at-risk fire before it was abandoned (its lease ended)', async () => {
    await seedCommitment('order-2');
    expect(await claimIds(['order-2-at-risk'], 'a', later, 10)).toEqual(['order-2-at-risk']);
    const afterLease = lease(later, 11);
    expect(await claimIds(['order-2-breach'], 'b', afterLease)).toEqual(['order-2-breach']);
  });
});
