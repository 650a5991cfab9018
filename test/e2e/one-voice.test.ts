// One voice end to end through the public API with the manual clock, on both stores: the same reason on
// every channel (C2), labels checked against the records (C3), held messages in the outbox with their
// findings, acknowledgements, the gift rule, status pages and the console's template preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/db/transaction.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

type Finding = { code: string; detail: string };
type OutboxItem = {
  id: string;
  origin: string;
  status: string;
  to: string;
  body: string;
  subject: string | null;
  reason_code: string | null;
  audit: { ok: boolean; findings: Finding[] };
  override: unknown;
};

const outOfStock = 'An item in this order is out of stock.';

describe.each(storeKinds)('one voice on %s', (storeKind) => {
  let kept: TestKept;
  let agentId: string;
  const event = (body: Record<string, unknown>) => kept.api('POST', '/api/v1/events', body);
  const caseOf = async (email: string) => {
    const customer = (await kept.api('GET', `/api/v1/customers?email=${email}`)).body.items[0];
    const item = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0];
    return (await kept.api('GET', `/api/v1/cases/${item.id}`)).body;
  };
  const outboxOf = async (caseId: string): Promise<OutboxItem[]> => (await kept.api('GET', `/api/v1/outbox?case_id=${caseId}`)).body.items;
  const page = (url: string) => kept.app.inject({ method: 'GET', url: new URL(url, 'http://x').pathname });

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' })).body.id;
  });
  afterAll(async () => kept?.close());

  it('C2: a reply giving another reason than the recorded one is held; every channel tells the recorded one', async () => {
    const customer = { email: 'ana@example.com', name: 'Ana' };
    await event({
      id: 'c2-1',
      type: 'order.placed',
      occurred_at: '2026-12-01T08:00:00Z',
      customer,
      order: { id: 'A-2001', total: { amount: 59, currency: 'USD' }, payment: { method: 'card', last4: '1111' } },
      data: {},
    });
    await event({ id: 'c2-2', type: 'order.cancelled', occurred_at: '2026-12-01T08:30:00Z', customer, order: { id: 'A-2001' }, data: { reason: 'out_of_stock' } });
    await event({
      id: 'c2-3',
      type: 'contact.received',
      occurred_at: '2026-12-01T09:00:00Z',
      customer,
      order: { id: 'A-2001' },
      data: { channel: 'web_form', text: 'Why was my order A-2001 cancelled?' },
    });
    const theCase = await caseOf('ana@example.com');

    // The acknowledgement went out by itself, with the case token and the case's status link.
    const [ack] = await outboxOf(theCase.id);
    expect(ack).toMatchObject({ origin: 'acknowledgement', status: 'sent', to: 'ana@example.com', audit: { ok: true, findings: [] } });
    expect(ack!.body).toContain(theCase.token);
    expect(ack!.body).toContain(theCase.status_url);
    // It does not name the order, so it tells nothing about it and keeps no notify commitment.
    expect(theCase.messages.at(-1)).toMatchObject({ direction: 'out', author_kind: 'automatic', status: 'sent', order_numbers: [] });

    const wrong = 'Your order A-2001 was cancelled because we could not verify your payment.';
    const held = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agentId, body: wrong });
    expect(held.status).toBe(422);
    expect(held.body.findings).toEqual([expect.objectContaining({ code: 'reason_conflict' })]);
    expect(held.body.findings[0].detail).toContain(outOfStock);
    const listed = (await kept.api('GET', '/api/v1/outbox?status=held')).body.items as OutboxItem[];
    expect(listed.find((item) => item.body === wrong)).toMatchObject({ status: 'held', origin: 'agent_reply', audit: { ok: false, findings: [{ code: 'reason_conflict' }] } });

    // The agent sends the catalog's message instead: the recorded reason, with the order's status link.
    const told = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agentId, template: 'order.cancelled.email' });
    expect(told.status).toBe(201);
    expect(told.body.message.body).toContain(outOfStock);
    const link = /https?:\/\/\S+\/status\/[\w-]+/.exec(told.body.message.body)![0];
    expect(link).not.toBe(theCase.status_url);
    for (const url of [link, theCase.status_url]) {
      const shown = await page(url);
      expect(shown.statusCode).toBe(200);
      expect(shown.headers['content-type']).toContain('text/html');
      expect(shown.body).toContain(outOfStock);
      expect(shown.body).toContain('width=device-width');
      expect(shown.body).not.toMatch(/verify the payment/i);
    }
  });

  it('records who overrode a held reply, which codes and why', async () => {
    const theCase = await caseOf('ana@example.com');
    const body = 'We could not verify your payment either, as we said on the phone.';
    const sent = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agentId, body, override: ['reason_conflict'], note: 'Both reasons apply; confirmed with the warehouse' });
    expect(sent.status).toBe(201);
    const entry = (await outboxOf(theCase.id)).find((item) => item.body === body);
    expect(entry).toMatchObject({
      status: 'sent',
      audit: { ok: false, findings: [{ code: 'reason_conflict' }] },
      override: { by: agentId, codes: ['reason_conflict'], note: 'Both reasons apply; confirmed with the warehouse' },
    });
  });

  it('C3: "your account ending in 7776" is held when 7776 ends the order number; saying so truthfully is not', async () => {
    const customer = { email: 'ben@example.com', name: 'Ben' };
    const order = { id: 'T-20417776' };
    await event({ id: 'c3-1', type: 'order.placed', occurred_at: '2026-12-01T08:00:00Z', customer, order: { ...order, total: { amount: 0, currency: 'USD' } }, data: {} });
    await event({ id: 'c3-2', type: 'tradein.received', occurred_at: '2026-12-01T08:10:00Z', customer, order, data: {} });
    await event({
      id: 'c3-3',
      type: 'tradein.credited',
      occurred_at: '2026-12-01T08:20:00Z',
      customer,
      order,
      data: { amount: { amount: 250, currency: 'USD' }, to: { method: 'account', last4: '4242' } },
    });
    await event({ id: 'c3-4', type: 'contact.received', occurred_at: '2026-12-01T09:00:00Z', customer, order, data: { channel: 'email', text: 'Where is my trade-in credit?' } });
    const theCase = await caseOf('ben@example.com');

    const wrong = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agentId, body: 'Good news: your account ending in 7776 is being credited.' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.findings).toEqual([expect.objectContaining({ code: 'fact_mismatch' })]);
    expect(wrong.body.findings[0].detail).toMatch(/4242/);
    expect(wrong.body.findings[0].detail).toMatch(/T-20417776/);

    const right = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, {
      author_id: agentId,
      body: 'Sorry for the confusion: 7776 is the end of our internal order number. Your account ending in 4242 is being credited.',
    });
    expect(right.status).toBe(201);

    const held = (await kept.api('GET', `/api/v1/outbox?status=held&case_id=${theCase.id}`)).body.items as OutboxItem[];
    expect(held).toEqual([
      expect.objectContaining({ body: 'Good news: your account ending in 7776 is being credited.', audit: { ok: false, findings: [expect.objectContaining({ code: 'fact_mismatch' })] } }),
    ]);
  });

  it('previews templates for the console with sample or real data, and lists them with their kinds', async () => {
    const listed = (await kept.api('GET', '/api/v1/templates')).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ id: 'tradein.credited.email', channel: 'email', vars: expect.arrayContaining([{ name: 'credit.destination', kind: 'Text' }]) }));
    expect(listed.map((item: { id: string }) => item.id)).toContain('reason.out_of_stock.fallback');

    const sample = await kept.api('POST', '/api/v1/templates/preview', { template: 'tradein.credited.sms' });
    expect(sample.status).toBe(200);
    expect(sample.body).toMatchObject({ channel: 'sms', findings: [], sms: { within_limit: true } });

    const theCase = await caseOf('ben@example.com');
    const real = await kept.api('POST', '/api/v1/templates/preview', { template: 'tradein.credited.email', case_id: theCase.id });
    expect(real.body.text).toContain('account ending in 4242');
    expect(real.body.text).toContain('$250.00');
    expect(real.body.html).toContain('<html');
    expect(real.body.findings).toEqual([]);
    const mislabelled = await kept.api('POST', '/api/v1/templates/preview', { template: 'tradein.credited.email', case_id: theCase.id, vars: { 'credit.destination': 'account ending in 7776' } });
    expect(mislabelled.body.findings).toEqual([expect.objectContaining({ code: 'fact_mismatch' })]);
    expect((await kept.api('POST', '/api/v1/templates/preview', { template: 'no.such.template' })).status).toBe(400);
    const paths = Object.keys((await kept.api('GET', '/api/v1/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/templates', '/api/v1/templates/preview']));
    expect(paths.some((path) => path.startsWith('/status'))).toBe(false);
  });

  it("never writes to a gift recipient without the buyer's consent", async () => {
    const buyer = { email: 'carla@example.com', name: 'Carla' };
    await event({
      id: 'g-1',
      type: 'order.placed',
      occurred_at: '2026-12-01T08:00:00Z',
      customer: buyer,
      order: { id: 'G-3001', total: { amount: 80, currency: 'USD' }, ship_to: { name: 'Dan', is_gift: true, recipient_email: 'dan@example.com' } },
      data: {},
    });
    // The recipient writes about the gift: he joins the buyer's customer, and the acknowledgement would go to him.
    await event({
      id: 'g-2',
      type: 'contact.received',
      occurred_at: '2026-12-01T09:00:00Z',
      customer: { email: 'dan@example.com' },
      order: { id: 'G-3001' },
      data: { channel: 'email', text: 'Is there a parcel for me?' },
    });
    const theCase = await caseOf('carla@example.com');
    const [ack] = await outboxOf(theCase.id);
    expect(ack).toMatchObject({ origin: 'acknowledgement', to: 'dan@example.com', status: 'held', audit: { ok: false, findings: [expect.objectContaining({ code: 'gift_recipient' })] } });
    expect(kept.services.capture.captured.some((message) => message.to === 'dan@example.com')).toBe(false);
    expect((await kept.api('GET', `/api/v1/cases/${theCase.id}`)).body.flagged).toBe(true);
    // An agent's reply on the case would go to the address that wrote last: held the same way.
    const reply = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agentId, body: 'Your parcel is on its way.' });
    expect(reply.status).toBe(422);
    expect(reply.body.findings).toEqual([expect.objectContaining({ code: 'gift_recipient' })]);

    // With the buyer's consent recorded on the order, the next acknowledgement (an hour later) goes out.
    await event({
      id: 'g-3',
      type: 'order.updated',
      occurred_at: '2026-12-01T09:10:00Z',
      order: { id: 'G-3001', ship_to: { is_gift: true, recipient_email: 'dan@example.com', gift_contact_consent: true } },
      data: {},
    });
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 61 * 60 });
    await event({
      id: 'g-4',
      type: 'contact.received',
      occurred_at: '2026-12-01T10:05:00Z',
      customer: { email: 'dan@example.com' },
      order: { id: 'G-3001' },
      data: { channel: 'email', text: 'Any news?' },
    });
    const acks = (await outboxOf(theCase.id)).filter((item) => item.origin === 'acknowledgement');
    expect(acks.map((item) => item.status)).toEqual(['sent', 'held']);
  });

  it('acknowledges at most once per case an hour', async () => {
    const customer = { email: 'eve@example.com' };
    await event({ id: 'a-1', type: 'contact.received', occurred_at: '2026-12-01T10:00:00Z', customer, data: { channel: 'email', text: 'Hello?', thread_ref: 'eve-1' } });
    await event({ id: 'a-2', type: 'contact.received', occurred_at: '2026-12-01T10:01:00Z', customer, data: { channel: 'email', text: 'Hello again?', thread_ref: 'eve-1' } });
    const theCase = await caseOf('eve@example.com');
    expect((await outboxOf(theCase.id)).filter((item) => item.origin === 'acknowledgement')).toHaveLength(1);
  });

  it('shows a not-found page for unknown tokens and has no page by order number', async () => {
    for (const url of ['/status/AAAAAAAAAAAAAAAAAAAAAA', '/status/T-20417776', '/status/A-2001']) {
      const shown = await kept.app.inject({ method: 'GET', url });
      expect(shown.statusCode).toBe(404);
      expect(shown.headers['content-type']).toContain('text/html');
      expect(shown.body).toContain('This status page does not exist');
    }
  });

  it("sends the reason's fallback when the engine asks, audited, with the status link, and delivers it as its transaction commits (crack C1, comms side)", async () => {
    const customer = { email: 'fay@example.com', name: 'Fay' };
    await event({
      id: 'f-1',
      type: 'order.placed',
      occurred_at: '2026-12-01T08:00:00Z',
      customer,
      order: { id: 'F-4001', total: { amount: 20, currency: 'USD' }, payment: { method: 'card', last4: '5555' } },
      data: {},
    });
    await event({ id: 'f-2', type: 'order.cancelled', occurred_at: '2026-12-01T08:05:00Z', customer, order: { id: 'F-4001' }, data: { reason: 'payment_verification_failed' } });
    const customerId = (await kept.api('GET', '/api/v1/customers?email=fay@example.com')).body.items[0].id;
    const send = kept.services.oneVoice.oneVoice.sendFallback;
    const request = { commitmentId: 'com_test', kind: 'notify' as const, actionKey: 'com_test:fallback', caseId: null, customerId, orderNumber: 'F-4001', reasonCode: 'payment_verification_failed' };
    // The engine's sender queues inside the timer's transaction; the outbox delivers right after it commits.
    const result = await withTransaction(kept.store.db, (tx) => send(tx, request));
    expect(result).toMatchObject({ status: 'queued', outboxId: expect.any(String) });
    const sent = ((await kept.api('GET', `/api/v1/outbox?customer_id=${customerId}`)).body.items as OutboxItem[]).find((item) => item.id === result.outboxId);
    expect(sent).toMatchObject({ origin: 'fallback', status: 'sent', to: 'fay@example.com', reason_code: 'payment_verification_failed', audit: { ok: true, findings: [] } });
    expect(sent!.body).toContain('We could not verify the payment details for this order.');
    const link = /https?:\/\/\S+\/status\/[\w-]+/.exec(sent!.body)![0];
    expect((await page(link)).body).toContain('We could not verify the payment details for this order.');
  });

  // The notify commitment comes from the policy notify-order-change; its at-risk timer asks comms for the
  // reason's fallback, which the outbox delivers before the deadline.
  it('C1: a cancellation nobody tells the customer about gets the fallback before the deadline, and the notify commitment is kept', async () => {
    const customer = { email: 'gus@example.com', name: 'Gus' };
    await event({
      id: 'c1-1',
      type: 'order.placed',
      occurred_at: '2026-12-01T08:00:00Z',
      customer,
      order: { id: 'C-5001', total: { amount: 45, currency: 'USD' }, payment: { method: 'card', last4: '4444' } },
      data: {},
    });
    const at = kept.clock.now().toISOString();
    await event({ id: 'c1-2', type: 'order.cancelled', occurred_at: at, customer, order: { id: 'C-5001' }, data: { reason: 'payment_verification_failed' } });
    const customerId = (await kept.api('GET', '/api/v1/customers?email=gus@example.com')).body.items[0].id;
    expect((await kept.api('GET', `/api/v1/outbox?customer_id=${customerId}`)).body.items).toEqual([]);
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 15 * 60 });
    const sent = (await kept.api('GET', `/api/v1/outbox?customer_id=${customerId}`)).body.items as OutboxItem[];
    expect(sent).toEqual([expect.objectContaining({ origin: 'fallback', status: 'sent', reason_code: 'payment_verification_failed' })]);
    expect(sent[0]!.body).toContain('We could not verify the payment details for this order.');
    const notify = (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=notify`)).body.items;
    expect(notify).toEqual([expect.objectContaining({ state: 'kept' })]);
  });
});
