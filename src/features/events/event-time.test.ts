// An event without occurred_at happened when Kept received it, and the stored event says its time was
// stamped on receipt; a bare handle finds the customer on every network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, testStart, type TestKept } from '../../../test/helpers/test-app.js';
import { storeKinds } from '../../../test/helpers/stores.js';

describe.each(storeKinds)('event time and handle search on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
  });
  afterAll(async () => kept?.close());

  it('stamps an event without occurred_at with the time of receipt, and says so', async () => {
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 90 });
    const receivedAt = new Date(testStart.getTime() + 90_000).toISOString();
    const reply = await kept.api('POST', '/api/v1/events', {
      events: [
        { id: 'time-1', type: 'order.cancelled', customer: { email: 'stamp@example.com' }, order: { id: 'TS-1' }, data: { reason: 'payment_verification_failed' } },
        { id: 'time-2', type: 'order.placed', occurred_at: '2026-11-30T08:00:00Z', customer: { email: 'stamp@example.com' }, order: { id: 'TS-2' } },
      ],
    });
    expect(reply.status).toBe(202);
    const rows = await kept.store.db.selectFrom('events').select(['id', 'occurred_at', 'occurred_at_stamped']).where('id', 'in', ['time-1', 'time-2']).orderBy('id').execute();
    expect(rows.map((row) => [row.id, new Date(row.occurred_at).toISOString(), row.occurred_at_stamped])).toEqual([
      ['time-1', receivedAt, true],
      ['time-2', '2026-11-30T08:00:00.000Z', false],
    ]);
    const [customer] = (await kept.api('GET', '/api/v1/customers?email=stamp@example.com')).body.items;
    const timeline = (await kept.api('GET', `/api/v1/customers/${customer.id}/timeline`)).body;
    const events = timeline.items.filter((item: { type: string }) => item.type === 'event');
    expect(events.map((item: { event_id: string; at: string; time_stamped_on_receipt?: boolean }) => [item.event_id, item.at, item.time_stamped_on_receipt ?? false])).toEqual([
      ['time-2', '2026-11-30T08:00:00.000Z', false],
      ['time-1', receivedAt, true],
    ]);
  });

  it('finds a bare handle on every network and still refuses an empty query', async () => {
    await kept.api('POST', '/api/v1/events', {
      events: [
        { id: 'handle-1', type: 'contact.received', customer: { handle: { network: 'twitter', id: '@Ana_B' } }, data: { channel: 'social', text: 'Hello' } },
        { id: 'handle-2', type: 'contact.received', customer: { handle: { network: 'instagram', id: 'ana_b' } }, data: { channel: 'social', text: 'Hi' } },
        { id: 'handle-3', type: 'contact.received', customer: { handle: { network: 'twitter', id: '@anaxb' } }, data: { channel: 'social', text: 'Not her' } },
      ],
    });
    const found = await kept.api('GET', '/api/v1/customers?handle=%40ana_b');
    expect(found.status).toBe(200);
    expect(found.body.items.flatMap((customer: { identities: { value: string }[] }) => customer.identities.map((identity) => identity.value)).sort()).toEqual(['instagram:@ana_b', 'twitter:@ana_b']);
    const one = await kept.api('GET', '/api/v1/customers?handle=twitter:ana_b');
    expect(one.body.items).toHaveLength(1);
    expect((await kept.api('GET', '/api/v1/customers')).status).toBe(400);
  });
});
