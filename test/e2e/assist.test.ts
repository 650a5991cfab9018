// Agent assist end to end (crack C12), on both stores: the identifiers in a customer's message explained
// from their records, including what a number is not, and a suggested reply that passes the fact audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

type Explanation = { message_id: string; text: string; kind: string; called: string | null; record: { type: string; id: string } | null; explanation: string };

describe.each(storeKinds)('assist on %s', (storeKind) => {
  let kept: TestKept;
  let agentId: string;
  const event = async (body: Record<string, unknown>) => expect((await kept.api('POST', '/api/v1/events', body)).status).toBe(202);
  const caseOf = async (email: string) => {
    const customer = (await kept.api('GET', `/api/v1/customers?email=${email}`)).body.items[0];
    const item = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0];
    return (await kept.api('GET', `/api/v1/cases/${item.id}`)).body;
  };

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' })).body.id;
  });
  afterAll(async () => kept?.close());

  it('the 7776 email: names the order and the card, and the suggested reply passes the audit and states the card', async () => {
    const customer = { email: 'ines@example.com', name: 'Ines' };
    const order = { id: 'IW-117776' };
    await event({
      id: 'as-1',
      type: 'order.placed',
      occurred_at: '2026-11-20T10:00:00Z',
      customer,
      order: { ...order, total: { amount: 120, currency: 'EUR' }, payment: { method: 'card', last4: '4242' } },
      data: {},
    });
    await event({ id: 'as-2', type: 'tradein.received', occurred_at: '2026-11-28T10:00:00Z', customer, order, data: {} });
    await event({
      id: 'as-3',
      type: 'tradein.credited',
      occurred_at: '2026-11-30T10:00:00Z',
      customer,
      order,
      data: { amount: { amount: 120, currency: 'EUR' }, to: { method: 'card', last4: '4242' } },
    });
    await event({
      id: 'as-4',
      type: 'contact.received',
      occurred_at: '2026-12-01T08:30:00Z',
      customer,
      data: { channel: 'email', text: 'I got an email saying my account ending in 7776 is being credited. I have no account 7776!' },
    });
    const theCase = await caseOf('ines@example.com');
    const inbound = theCase.messages.find((message: { direction: string }) => message.direction === 'in');

    const assist = await kept.api('GET', `/api/v1/cases/${theCase.id}/assist`);
    expect(assist.status).toBe(200);
    const explanations = assist.body.explanations as Explanation[];
    expect(explanations).toHaveLength(2);
    for (const entry of explanations) {
      expect(entry).toMatchObject({ message_id: inbound.id, text: '7776', kind: 'order_suffix', called: 'account', record: { type: 'order', id: 'IW-117776' } });
      expect(entry.explanation).toBe('7776: the last 4 digits of order IW-117776, not an account; the credit of €120.00 went to the card ending in 4242.');
    }

    const suggested = assist.body.suggested_reply;
    expect(suggested.audit).toEqual({ ok: true, findings: [] });
    expect(suggested.body).toContain('7776 is the end of your order number IW-117776, not an account number.');
    expect(suggested.body).toContain('The credit of €120.00 for order IW-117776 went to your card ending in 4242.');
    expect(suggested.facts).toEqual([
      { kind: 'order_suffix', value: 'IW-117776', record: { type: 'order', id: 'IW-117776' } },
      { kind: 'card_last4', value: '4242', record: { type: 'order', id: 'IW-117776' } },
    ]);
    // Nothing was sent by asking; the agent sends it like any reply, and the audit lets it through.
    expect((await kept.api('GET', `/api/v1/outbox?case_id=${theCase.id}`)).body.items.filter((item: { origin: string }) => item.origin === 'agent_reply')).toEqual([]);
    const sent = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agentId, body: suggested.body });
    expect(sent.status).toBe(201);
  });

  it('says an identifier matches nothing, and what is on record for what the customer called it', async () => {
    const customer = { email: 'olaf@example.com', name: 'Olaf' };
    await event({
      id: 'as-10',
      type: 'order.placed',
      occurred_at: '2026-11-20T10:00:00Z',
      customer,
      order: { id: 'N-5001', total: { amount: 30, currency: 'USD' }, payment: { method: 'card', last4: '1881' } },
      data: {},
    });
    await event({
      id: 'as-11',
      type: 'contact.received',
      occurred_at: '2026-12-01T08:40:00Z',
      customer,
      data: { channel: 'email', text: 'My card 9931 was charged $45.00 and voucher QX-55 did not work.' },
    });
    const theCase = await caseOf('olaf@example.com');
    const assist = (await kept.api('GET', `/api/v1/cases/${theCase.id}/assist`)).body;
    expect(assist.explanations.map((entry: Explanation) => [entry.text, entry.kind, entry.record, entry.explanation])).toEqual([
      ['9931', 'unknown', null, "9931: matches nothing in this customer's records; the card on record ends in 1881."],
      ['$45.00', 'unknown', null, "$45.00: matches nothing in this customer's records."],
      ['QX-55', 'unknown', null, "QX-55: matches nothing in this customer's records."],
    ]);
    expect(assist.suggested_reply.body).toContain('We could not find 9931 in our records for you');
    expect(assist.suggested_reply.audit.ok).toBe(true);
  });

  it('several orders with overlapping digits: each record the digits belong to is named', async () => {
    const customer = { email: 'pia@example.com', name: 'Pia' };
    await event({
      id: 'as-20',
      type: 'order.placed',
      occurred_at: '2026-11-20T10:00:00Z',
      customer,
      order: { id: 'A-1776', total: { amount: 10, currency: 'USD' }, payment: { method: 'card', last4: '0001' } },
      data: {},
    });
    await event({
      id: 'as-21',
      type: 'order.placed',
      occurred_at: '2026-11-21T10:00:00Z',
      customer,
      order: { id: 'B-21776', total: { amount: 20, currency: 'USD' }, payment: { method: 'card', last4: '0002' } },
      data: {},
    });
    await event({
      id: 'as-22',
      type: 'order.placed',
      occurred_at: '2026-11-22T10:00:00Z',
      customer,
      order: { id: 'C-3400', total: { amount: 30, currency: 'USD' }, payment: { method: 'visa', last4: '1776' } },
      data: {},
    });
    await event({ id: 'as-23', type: 'contact.received', occurred_at: '2026-12-01T08:50:00Z', customer, data: { channel: 'email', text: 'What is 1776? And where is 776?' } });
    const theCase = await caseOf('pia@example.com');
    const assist = (await kept.api('GET', `/api/v1/cases/${theCase.id}/assist`)).body;
    expect(assist.explanations.map((entry: Explanation) => [entry.text, entry.kind, entry.record?.id, entry.explanation])).toEqual([
      ['1776', 'order_number', 'A-1776', '1776: the number of order A-1776 (placed).'],
      ['1776', 'order_suffix', 'B-21776', '1776: the last 4 digits of order B-21776.'],
      ['1776', 'card_last4', 'C-3400', '1776: the card ending in 1776, used to pay for order C-3400.'],
      ['776', 'order_suffix', 'A-1776', '776: the last 3 digits of order A-1776; it also ends order B-21776.'],
      ['776', 'order_suffix', 'B-21776', '776: the last 3 digits of order B-21776; it also ends order A-1776.'],
    ]);
    expect(assist.suggested_reply.audit).toEqual({ ok: true, findings: [] });
  });

  it('answers 404 for an unknown case and needs a token', async () => {
    expect((await kept.api('GET', '/api/v1/cases/cas_nope/assist')).status).toBe(404);
    const anonymous = await kept.app.inject({ method: 'GET', url: '/api/v1/cases/cas_nope/assist' });
    expect(anonymous.statusCode).toBe(401);
    const spec = (await kept.api('GET', '/api/v1/openapi.json')).body;
    expect(spec.paths['/api/v1/cases/{id}/assist'].get.operationId).toBe('getCaseAssist');
  });
});
