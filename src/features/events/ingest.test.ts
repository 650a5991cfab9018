// Ingest through the public API on both stores: idempotency, atomic batches, identity linking and merging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, type TestKept } from '../../../test/helpers/test-app.js';
import { storeKinds } from '../../../test/helpers/stores.js';

describe.each(storeKinds)('ingesting events on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
  });
  afterAll(async () => kept?.close());

  const placed = (id: string, email: string, order: string) => ({
    id,
    type: 'order.placed',
    occurred_at: '2026-12-01T08:00:00Z',
    customer: { email, name: 'Ana' },
    order: { id: order, total: { amount: '49.99', currency: 'USD' }, payment: { method: 'card', last4: '4242' }, ship_to: { name: 'Ben', is_gift: true, recipient_email: 'ben@example.com' } },
  });

  it('stores an event once however many times it is sent, even 20 at the same moment', async () => {
    const event = placed('dup-1', 'dup@example.com', 'D-1');
    const replies = await Promise.all(Array.from({ length: 20 }, () => kept.api('POST', '/api/v1/events', event)));
    expect(replies.every((reply) => reply.status === 202)).toBe(true);
    expect(replies.reduce((sum, reply) => sum + reply.body.accepted, 0)).toBe(1);
    expect(replies.reduce((sum, reply) => sum + reply.body.duplicates, 0)).toBe(19);
    const customers = await kept.api('GET', '/api/v1/customers?email=DUP@example.com');
    expect(customers.body.items).toHaveLength(1);
    const timeline = await kept.api('GET', `/api/v1/customers/${customers.body.items[0].id}/timeline`);
    expect(timeline.body.items.filter((item: { event_id?: string }) => item.event_id === 'dup-1')).toHaveLength(1);
  });

  it('counts a repeat inside one batch as a duplicate', async () => {
    const event = placed('dup-2', 'dup2@example.com', 'D-2');
    const reply = await kept.api('POST', '/api/v1/events', { events: [event, event] });
    expect(reply.body).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('refuses a whole batch when one event is bad, naming the index and the field, and stores nothing', async () => {
    const good = placed('atomic-1', 'atomic@example.com', 'T-1');
    const bad = { ...placed('atomic-2', 'atomic@example.com', 'T-2'), occurred_at: 'yesterday' };
    const reply = await kept.api('POST', '/api/v1/events', { events: [good, bad] });
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.body.detail).toContain('events[1].occurred_at');
    expect(reply.body.field).toBe('events[1].occurred_at');
    const customers = await kept.api('GET', '/api/v1/customers?email=atomic@example.com');
    expect(customers.body.items).toHaveLength(0);
  });

  it('names the field of a known type whose data is wrong', async () => {
    const reply = await kept.api('POST', '/api/v1/events', { id: 'bad-data', type: 'order.cancelled', occurred_at: '2026-12-01T08:00:00Z', order: { id: 'X-1' }, data: {} });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/^data\.reason/);
  });

  it('answers malformed JSON with a clear problem', async () => {
    const response = await kept.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { authorization: 'Bearer kept_test_admin_token_0123456789', 'content-type': 'application/json' },
      payload: '{"id": "x", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().title).toBe('Malformed JSON');
  });

  it('refuses a batch larger than 1000 events', async () => {
    const events = Array.from({ length: 1001 }, (_, index) => ({ id: `big-${index}`, type: 'x.y', occurred_at: '2026-12-01T08:00:00Z' }));
    const reply = await kept.api('POST', '/api/v1/events', { events });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toContain('at most 1000');
  });

  it('stores an unknown type and shows it on the timeline', async () => {
    const reply = await kept.api('POST', '/api/v1/events', {
      id: 'loyalty-1',
      type: 'loyalty.tier_changed',
      occurred_at: '2026-12-01T08:30:00Z',
      customer: { email: 'tier@example.com' },
      data: { tier: 'gold' },
    });
    expect(reply.body).toEqual({ accepted: 1, duplicates: 0 });
    const customer = (await kept.api('GET', '/api/v1/customers?email=tier@example.com')).body.items[0];
    const timeline = await kept.api('GET', `/api/v1/customers/${customer.id}/timeline`);
    expect(timeline.body.items).toContainEqual(expect.objectContaining({ type: 'event', event_type: 'loyalty.tier_changed', data: { tier: 'gold' } }));
  });

  it('resolves one customer from any identity: email in any case, phone in any format, handle, external id', async () => {
    await kept.api('POST', '/api/v1/events', {
      events: [
        { id: 'id-1', type: 'contact.received', occurred_at: '2026-12-01T09:00:00Z', customer: { email: 'Mia@Example.com', phone: '(555) 123-4567' }, data: { channel: 'web_form', text: 'Hello' } },
        {
          id: 'id-2',
          type: 'contact.received',
          occurred_at: '2026-12-01T09:01:00Z',
          customer: { phone: '+1 555 123 4567', handle: { network: 'Twitter', id: '@Mia' } },
          data: { channel: 'sms', text: 'Me again' },
        },
        {
          id: 'id-3',
          type: 'contact.received',
          occurred_at: '2026-12-01T09:02:00Z',
          customer: { handle: { network: 'twitter', id: 'mia' }, external_id: 'c-77' },
          data: { channel: 'social', text: 'And here' },
        },
      ],
    });
    const byEmail = (await kept.api('GET', '/api/v1/customers?email=mia@example.com')).body.items;
    const byPhone = (await kept.api('GET', '/api/v1/customers?phone=%2B15551234567')).body.items;
    const byHandle = (await kept.api('GET', '/api/v1/customers?handle=twitter:@MIA')).body.items;
    expect(byEmail).toHaveLength(1);
    expect(byPhone[0].id).toBe(byEmail[0].id);
    expect(byHandle[0].id).toBe(byEmail[0].id);
    expect(byEmail[0].identities.map((identity: { kind: string }) => identity.kind).sort()).toEqual(['email', 'external_id', 'handle', 'phone']);
  });

  it('links two known customers into one when an event carries both their identities, keeping both histories', async () => {
    await kept.api('POST', '/api/v1/events', placed('m-1', 'first@example.com', 'M-1'));
    await kept.api('POST', '/api/v1/events', {
      id: 'm-2',
      type: 'contact.received',
      occurred_at: '2026-12-01T09:00:00Z',
      customer: { handle: { network: 'twitter', id: '@second' } },
      data: { channel: 'social', text: 'Where is my order?' },
    });
    const first = (await kept.api('GET', '/api/v1/customers?email=first@example.com')).body.items[0];
    const second = (await kept.api('GET', '/api/v1/customers?handle=twitter:@second')).body.items[0];
    expect(first.id).not.toBe(second.id);

    await kept.api('POST', '/api/v1/events', {
      id: 'm-3',
      type: 'contact.received',
      occurred_at: '2026-12-01T10:00:00Z',
      customer: { email: 'first@example.com', handle: { network: 'twitter', id: '@second' } },
      data: { channel: 'email', text: 'Both of these are me' },
    });
    const merged = (await kept.api('GET', '/api/v1/customers?handle=twitter:@second')).body.items[0];
    expect(merged.id).toBe(first.id);
    expect(merged.merged).toEqual([expect.objectContaining({ customer_id: second.id, event_id: 'm-3', cause: 'shared_identity' })]);
    const timeline = (await kept.api('GET', `/api/v1/customers/${first.id}/timeline`)).body.items;
    expect(timeline.some((item: { event_id?: string }) => item.event_id === 'm-1')).toBe(true);
    expect(timeline.some((item: { body?: string }) => item.body === 'Where is my order?')).toBe(true);
    // The merged id keeps answering, with the customer it became.
    expect((await kept.api('GET', `/api/v1/customers/${second.id}`)).body.id).toBe(first.id);
  });

  it('projects an order: state history, payment facts, gift recipient and money in minor units', async () => {
    await kept.api('POST', '/api/v1/events', {
      events: [
        placed('o-1', 'orders@example.com', 'A-1001'),
        { id: 'o-2', type: 'order.cancelled', occurred_at: '2026-12-01T10:00:00Z', order: { id: 'A-1001' }, data: { reason: 'payment_verification_failed' } },
        { id: 'o-3', type: 'refund.issued', occurred_at: '2026-12-01T11:00:00Z', order: { id: 'A-1001' }, data: { amount: { amount: 49.99, currency: 'USD' }, to: { method: 'card', last4: '4242' } } },
      ],
    });
    const order = (await kept.api('GET', '/api/v1/orders/A-1001')).body;
    expect(order.state).toBe('refunded');
    expect(order.total).toEqual({ amount_minor: 4999, currency: 'USD', formatted: '$49.99' });
    expect(order.payment).toEqual({ method: 'card', last4: '4242' });
    expect(order.is_gift).toBe(true);
    expect(order.recipient_email).toBe('ben@example.com');
    expect(order.history.map((entry: { state: string }) => entry.state)).toEqual(['placed', 'cancelled', 'refunded']);
    expect(order.history[1].reason_code).toBe('payment_verification_failed');
    expect(order.facts.refund).toMatchObject({ amount_minor: 4999, currency: 'USD', to_last4: '4242' });
    const customer = (await kept.api('GET', '/api/v1/customers?email=orders@example.com')).body.items[0];
    expect(order.customer_id).toBe(customer.id);
  });

  it('creates one customer when two requests about the same new customer arrive at the same moment', async () => {
    const first = { events: [placed('race-1', 'race@example.com', 'R-1'), { ...placed('race-2', 'race@example.com', 'R-2'), customer: { email: 'race@example.com', phone: '+1 555 010 0199' } }] };
    const second = {
      events: [
        {
          id: 'race-3',
          type: 'contact.received',
          occurred_at: '2026-12-01T08:05:00Z',
          customer: { phone: '(555) 010-0199', email: 'RACE@example.com' },
          data: { channel: 'sms', text: 'Is R-1 on its way?' },
        },
      ],
    };
    const replies = await Promise.all([kept.api('POST', '/api/v1/events', first), kept.api('POST', '/api/v1/events', second)]);
    expect(replies.map((reply) => reply.status)).toEqual([202, 202]);
    const byEmail = (await kept.api('GET', '/api/v1/customers?email=race@example.com')).body.items;
    const byPhone = (await kept.api('GET', '/api/v1/customers?phone=%2B15550100199')).body.items;
    expect(byEmail).toHaveLength(1);
    expect(byPhone.map((customer: { id: string }) => customer.id)).toEqual([byEmail[0].id]);
    for (const number of ['R-1', 'R-2']) expect((await kept.api('GET', `/api/v1/orders/${number}`)).body.customer_id).toBe(byEmail[0].id);
  });

  it('follows a merge to the end of its batch: events before it, of either customer, end up with the survivor', async () => {
    const reply = await kept.api('POST', '/api/v1/events', {
      events: [
        placed('bm-1', 'elder@example.com', 'BM-1'),
        { id: 'bm-2', type: 'contact.received', occurred_at: '2026-12-01T08:10:00Z', customer: { handle: { network: 'twitter', id: '@younger' } }, data: { channel: 'social', text: 'Hello?' } },
        { id: 'bm-3', type: 'order.cancelled', occurred_at: '2026-12-01T08:20:00Z', order: { id: 'BM-1' }, data: { reason: 'out_of_stock' } },
        {
          id: 'bm-4',
          type: 'contact.received',
          occurred_at: '2026-12-01T08:30:00Z',
          customer: { email: 'elder@example.com', handle: { network: 'twitter', id: '@younger' } },
          data: { channel: 'email', text: 'Both are me' },
        },
        { id: 'bm-5', type: 'order.shipped', occurred_at: '2026-12-01T08:40:00Z', customer: { handle: { network: 'twitter', id: '@younger' } }, order: { id: 'BM-2' }, data: {} },
      ],
    });
    expect(reply.body).toEqual({ accepted: 5, duplicates: 0 });
    const customers = (await kept.api('GET', '/api/v1/customers?handle=twitter:@younger')).body.items;
    expect(customers).toHaveLength(1);
    const survivor = customers[0];
    expect(survivor.merged).toEqual([expect.objectContaining({ event_id: 'bm-4', cause: 'shared_identity' })]);
    const timeline = (await kept.api('GET', `/api/v1/customers/${survivor.id}/timeline`)).body.items;
    // Contacts show as their messages, the other events as themselves.
    expect(timeline.flatMap((item: { event_id?: string }) => (item.event_id?.startsWith('bm-') ? [item.event_id] : []))).toEqual(['bm-1', 'bm-3', 'bm-5']);
    expect(timeline.flatMap((item: { type: string; body?: string }) => (item.type === 'message_in' ? [item.body] : []))).toEqual(['Hello?', 'Both are me']);
    const order = (await kept.api('GET', '/api/v1/orders/BM-1')).body;
    expect(order.customer_id).toBe(survivor.id);
    expect(order.history.map((entry: { state: string }) => entry.state)).toEqual(['placed', 'cancelled']);
    expect((await kept.api('GET', '/api/v1/orders/BM-2')).body.customer_id).toBe(survivor.id);
  });

  it('rolls a batch back whole when processing fails halfway, and takes it again in full afterwards', async () => {
    let failOn: string | undefined = 'half-3';
    kept.services.bus.on('event.ingested', ({ event }) => {
      if (event.id === failOn) throw new Error('the disk is full');
    });
    const batch = {
      events: [
        placed('half-1', 'half@example.com', 'H-1'),
        { id: 'half-2', type: 'contact.received', occurred_at: '2026-12-01T08:10:00Z', customer: { email: 'half@example.com' }, data: { channel: 'web_form', text: 'Where is H-1?' } },
        { id: 'half-3', type: 'order.cancelled', occurred_at: '2026-12-01T08:20:00Z', order: { id: 'H-1' }, data: { reason: 'out_of_stock' } },
        placed('half-4', 'other-half@example.com', 'H-2'),
      ],
    };
    const failed = await kept.api('POST', '/api/v1/events', batch);
    expect(failed.status).toBe(500);
    expect((await kept.api('GET', '/api/v1/customers?email=half@example.com')).body.items).toHaveLength(0);
    expect((await kept.api('GET', '/api/v1/orders/H-1')).status).toBe(404);
    expect((await kept.api('GET', '/api/v1/customers?email=other-half@example.com')).body.items).toHaveLength(0);

    failOn = undefined;
    expect((await kept.api('POST', '/api/v1/events', batch)).body).toEqual({ accepted: 4, duplicates: 0 });
    expect((await kept.api('POST', '/api/v1/events', batch)).body).toEqual({ accepted: 0, duplicates: 4 });
    const customer = (await kept.api('GET', '/api/v1/customers?email=half@example.com')).body.items[0];
    const cases = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
    expect(cases).toHaveLength(1);
    expect((await kept.api('GET', '/api/v1/orders/H-1')).body.history.map((entry: { state: string }) => entry.state)).toEqual(['placed', 'cancelled']);
  });
});
