// Input the store cannot hold is a 400 that names the field, never a 500: a NUL or a lone surrogate in any
// string of an event or an agent, JSON nested 10,000 deep, a time the store has no year for, an amount no
// order ever had. Nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

const event = { id: 'bad-1', type: 'order.placed', occurred_at: '2026-12-01T10:00:00Z', customer: { email: 'ana@example.com' }, order: { id: 'A-1' }, data: {} };
const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

const events: [string, string, string][] = [
  ['a NUL in a name', JSON.stringify({ ...event, customer: { email: 'ana@example.com', name: 'Ana\u0000' } }), 'customer.name'],
  ['a NUL in the data of a batch', JSON.stringify({ events: [event, { ...event, id: 'bad-2', data: { note: 'x\u0000y' } }] }), 'events[1].data.note'],
  ['a NUL in a key', JSON.stringify({ ...event, data: { 'no\u0000te': 1 } }), 'data.no\u0000te'],
  ['a NUL in the id', JSON.stringify({ ...event, id: 'bad\u0000' }), 'id'],
  ['a lone surrogate in a name', JSON.stringify({ ...event, customer: { email: 'ana@example.com', name: 'Ana\ud800' } }), 'customer.name'],
  ['a lone low surrogate in the data', JSON.stringify({ ...event, data: { note: '\udc00' } }), 'data.note'],
  ['JSON nested 10,000 deep', JSON.stringify({ ...event, data: { deep: 'DEEP' } }).replace('"DEEP"', deep), 'data.deep.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a'],
  ['year 0000', JSON.stringify({ ...event, occurred_at: '0000-01-01T00:00:00Z' }), 'occurred_at'],
  ['an offset of +23:59', JSON.stringify({ ...event, occurred_at: '2026-12-01T10:00:00+23:59' }), 'occurred_at'],
  ['a promised date in year 0000', JSON.stringify({ ...event, order: { id: 'A-1', promised_by: '0000-06-01T00:00:00Z' } }), 'order.promised_by'],
  ['an amount of 1e308', JSON.stringify({ ...event, order: { id: 'A-1', total: { amount: 1e308, currency: 'EUR' } } }), 'order.total.amount'],
  ['a 41-digit total', JSON.stringify({ ...event, order: { id: 'A-1', total: { amount: '1'.repeat(41), currency: 'EUR' } } }), 'order.total.amount'],
  ['a refund of 1e308', JSON.stringify({ ...event, type: 'refund.issued', data: { amount: { amount: 1e308, currency: 'EUR' } } }), 'data.amount.amount'],
];

describe.each(storeKinds)('bad input on %s', (store) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store });
  });
  afterAll(async () => kept?.close());

  async function post(url: string, payload: string) {
    const response = await kept.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  }

  it.each(events)('an event with %s is a 400 naming the field', async (_what, payload, field) => {
    const reply = await post('/api/v1/events', payload);
    expect(reply.status).toBe(400);
    expect(reply.type).toContain('application/problem+json');
    expect(reply.body.field).toBe(field);
    expect(reply.body.detail).toContain(field);
  });

  it.each([
    ['a NUL', 'Sam\u0000'],
    ['a lone surrogate', 'Sam\udbff'],
  ])('an agent whose name holds %s is a 400 naming the field', async (_what, name) => {
    const reply = await post('/api/v1/agents', JSON.stringify({ name, email: 'sam@shop.example', role: 'agent', password: 'a-long-password-1' }));
    expect(reply.status).toBe(400);
    expect(reply.body.field).toBe('name');
  });

  it('a NUL in a query string is a 400 naming the parameter', async () => {
    const reply = await kept.api('GET', '/api/v1/customers?email=ana%00@example.com');
    expect(reply.status).toBe(400);
    expect(reply.body.field).toBe('email');
  });

  it('wrote nothing', async () => {
    expect(await kept.store.db.selectFrom('events').select('id').execute()).toEqual([]);
    expect((await kept.api('GET', '/api/v1/agents')).body.items).toEqual([]);
  });
});
