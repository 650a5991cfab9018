// The README's first look, on the real clock: an order cancelled a while ago owes the customer a notice at
// once. The notice goes out, keeps the commitment (late), and nothing afterwards breaches what was kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

describe.each(storeKinds)('the first look on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, env: { KEPT_CLOCK: 'system' } });
  });
  afterAll(async () => kept?.close());

  it('keeps the notify commitment of a past cancellation, and a closed commitment stays closed', async () => {
    const posted = await kept.api('POST', '/api/v1/events', {
      id: 'shop-1-evt-889',
      type: 'order.cancelled',
      occurred_at: '2026-12-01T10:00:00Z',
      customer: { email: 'ana@example.com', name: 'Ana' },
      order: { id: 'A-1001' },
      data: { reason: 'payment_verification_failed' },
    });
    expect(posted.status).toBe(202);
    // Both of its timers are long past: the scheduler fires them as soon as it sees them.
    const timersLeft = async () => (await kept.store.db.selectFrom('timers').select('id').execute()).length;
    for (let waited = 0; waited < 15_000 && (await timersLeft()) > 0; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await timersLeft()).toBe(0);
    const commitments = (await kept.api('GET', '/api/v1/commitments')).body.items as { kind: string; state: string; kept_late: boolean; breached_at: string | null }[];
    expect(commitments.map(({ kind, state, kept_late, breached_at }) => ({ kind, state, kept_late, breached_at }))).toEqual([{ kind: 'notify', state: 'kept', kept_late: true, breached_at: null }]);
    const outbox = (await kept.api('GET', '/api/v1/outbox')).body.items as { origin: string; status: string }[];
    expect(outbox.map(({ origin, status }) => [origin, status])).toEqual([['fallback', 'sent']]);
  }, 30_000);
});
