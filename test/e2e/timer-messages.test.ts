// Across every default policy, played until nothing is left to fire: a timer's action sends a customer at
// most one message, Kept never sends anyone the same automatic message twice, nothing Kept writes itself is
// held by its own fact audit, and every order-change notice names the new state as the status page does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { advanceTo, contact, createAgent, ingest } from './commitment-helpers.js';

const start = '2026-12-07T09:00:00Z';
const customer = (name: string) => ({ email: `${name}@example.com`, name: name[0]!.toUpperCase() + name.slice(1) });
const placed = (id: string, name: string) => ({
  id: `placed-${id}`,
  type: 'order.placed',
  occurred_at: start,
  customer: customer(name),
  order: { id, total: { amount: '80.00', currency: 'EUR' }, payment: { method: 'card', last4: '4242' } },
});
const change = (id: string, name: string, type: string, data: Record<string, unknown>) => ({ id: `${type}-${id}`, type, occurred_at: start, customer: customer(name), order: { id }, data });

/** Each order change a default policy notifies of, and the words of the status page's state that its notice must carry. */
const changes = [
  { order: 'N-1', name: 'nora', type: 'order.payment_failed', data: { reason: 'payment_verification_failed' }, state: 'Waiting for payment.', says: 'waiting for payment' },
  { order: 'N-2', name: 'omar', type: 'order.cancelled', data: { reason: 'payment_verification_failed' }, state: 'Cancelled.', says: 'cancelled' },
  { order: 'N-3', name: 'pia', type: 'order.delayed', data: { reason: 'carrier_delay', new_eta: '2026-12-12T17:00:00Z' }, state: 'Running late.', says: 'late' },
  { order: 'N-4', name: 'quin', type: 'order.delivery_exception', data: { reason: 'address_undeliverable' }, state: 'There is a problem with the delivery.', says: 'problem' },
  { order: 'N-5', name: 'rosa', type: 'refund.issued', data: { amount: { amount: '80.00', currency: 'EUR' }, to: { method: 'card', last4: '4242' } }, state: 'Refunded.', says: 'refunded' },
  {
    order: 'N-6',
    name: 'sami',
    type: 'tradein.credited',
    data: { amount: { amount: '120.00', currency: 'EUR' }, to: { method: 'card', last4: '4242' } },
    state: 'Your trade-in has been credited.',
    says: 'credited',
  },
];

interface OutboxItem {
  id: string;
  to: string;
  subject: string | null;
  body: string;
  status: string;
  origin: string;
  order_number: string | null;
  created_at: string;
}

describe.each(storeKinds)('timers of every default policy on %s', (storeKind) => {
  let kept: TestKept;
  let outbox: OutboxItem[] = [];
  let actions: { commitment_id: string | null; action: string; result: Record<string, unknown> | null; done_at: Date }[] = [];

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, clockStart: new Date(start) });
    await createAgent(kept, { name: 'mia', role: 'manager' });
    await ingest(kept, ...changes.flatMap((entry) => [placed(entry.order, entry.name), change(entry.order, entry.name, entry.type, entry.data)]));
    await ingest(
      kept,
      contact({ id: 'ask-1', email: 'tara@example.com', at: start, text: 'Where is my parcel?' }),
      contact({ id: 'ask-2', email: 'uli@example.com', at: start, channel: 'social', text: 'Still waiting for an answer' }),
      contact({ id: 'ask-3', email: 'vera@example.com', at: start, text: 'I want to speak to a manager about this.' }),
      contact({ id: 'ask-4', email: 'walt@example.com', at: start, text: 'This is the third time I write. I will take my business elsewhere.' }),
      { id: 'survey-1', type: 'survey.responded', occurred_at: start, customer: customer('xena'), data: { score: 2, comment: 'Nobody answered', contact_requested: true } },
    );
    // Nobody writes: every timer of every commitment fires, breaches and escalations included.
    await advanceTo(kept, '2026-12-21T09:00:00Z');
    outbox = (await kept.api('GET', '/api/v1/outbox?limit=500')).body.items;
    actions = await kept.store.db.selectFrom('actions').select(['commitment_id', 'action', 'result', 'done_at']).execute();
  }, 120_000);
  afterAll(async () => kept?.close());

  it('fired every kind of action the default policies have', () => {
    expect(new Set(actions.map((entry) => entry.action))).toEqual(new Set(['send_fallback', 'escalate', 'flag', 'reassign']));
    expect(new Set(actions.map((entry) => entry.commitment_id)).size).toBeGreaterThan(changes.length);
  });

  it('sends at most one message per timer: every message a timer sent is the one its action recorded', () => {
    const fires = new Map<string, Set<string>>();
    for (const entry of actions) fires.set(entry.done_at.toISOString(), (fires.get(entry.done_at.toISOString()) ?? new Set()).add(entry.commitment_id ?? ''));
    for (const [at, commitments] of fires) {
      const sentThen = outbox.filter((entry) => entry.created_at === at);
      expect(sentThen.length, `messages queued at ${at}`).toBeLessThanOrEqual(commitments.size);
    }
    const recorded = actions.flatMap((entry) => (entry.action === 'send_fallback' && typeof entry.result?.['outboxId'] === 'string' ? [entry.result['outboxId']] : []));
    const byTimers = outbox.filter((entry) => entry.origin === 'fallback' || entry.origin === 'claim_document_reminder');
    expect(byTimers.map((entry) => entry.id).sort()).toEqual([...recorded].sort());
  });

  it('never sends anyone the same automatic message twice, and holds none of its own', () => {
    const seen = outbox.map((entry) => `${entry.to}\n${entry.subject ?? ''}\n${entry.body}`);
    expect(seen.length - new Set(seen).size).toBe(0);
    expect(outbox.filter((entry) => entry.status !== 'sent').map((entry) => [entry.origin, entry.status, entry.subject])).toEqual([]);
  });

  it.each(changes)('tells of $type in the words of its status page ($state)', async ({ order, name, state, says }) => {
    // The one notice of the change (a claim's reminder may follow days later, a message of its own).
    const told = outbox.filter((entry) => entry.order_number === order && entry.to === `${name}@example.com` && Date.parse(entry.created_at) < Date.parse(start) + 15 * 60_000);
    expect(told).toHaveLength(1);
    expect(`${told[0]!.subject}\n${told[0]!.body}`.toLowerCase()).toContain(says);
    const page = /https?:\/\/\S+(\/status\/[\w-]+)/.exec(told[0]!.body)![1]!;
    expect((await kept.app.inject({ method: 'GET', url: page })).body).toContain(state);
  });
});
