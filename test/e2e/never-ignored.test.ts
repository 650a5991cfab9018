// Cracks C8, C9 and C10 played through the public API with the manual clock: a customer writes again and
// again on email, SMS and social, asks for someone senior in different words, and says she'll never buy again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const ana = { email: 'ana.ruiz@example.com', phone: '+15551230001', handle: { network: 'twitter', id: '@anaruiz' }, name: 'Ana Ruiz' };
const standardAnswer =
  'Thank you for your patience. Your order A-1001 is on its way with the carrier and should arrive within 3 to 5 business days. You can follow it on the tracking page linked in your confirmation email.';

describe.each(storeKinds)('a customer nobody listens to is heard (C8, C9, C10) on %s', (store) => {
  let kept: TestKept;
  const detected: string[] = [];
  let seq = 0;

  async function customerWrites(channel: 'email' | 'sms' | 'social', text: string, customer: Record<string, unknown>) {
    seq += 1;
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 3600 });
    const at = (await kept.api('GET', '/api/v1/clock')).body.now as string;
    const reply = await kept.api('POST', '/api/v1/events', { id: `story-contact-${seq}`, type: 'contact.received', occurred_at: at, customer, data: { channel, text } });
    expect(reply.status).toBe(202);
  }

  async function theCase() {
    const customers = await kept.api('GET', `/api/v1/customers?email=${encodeURIComponent(ana.email)}`);
    expect(customers.body.items).toHaveLength(1);
    const customerId = customers.body.items[0].id as string;
    const list = await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`);
    return { list: list.body.items as { id: string }[], view: (await kept.api('GET', `/api/v1/cases/${list.body.items[0].id}`)).body };
  }

  const agentIds: string[] = [];
  beforeAll(async () => {
    kept = await createTestKept({ store });
    kept.services.bus.on('signal.detected', (event) => {
      detected.push(event.code);
    });
    for (const [name, role] of [
      ['Sam Agent', 'agent'],
      ['Kim Agent', 'agent'],
      ['Maya Manager', 'manager'],
    ] as const) {
      const created = await kept.api('POST', '/api/v1/agents', { name, email: `${name.split(' ')[0]!.toLowerCase()}@shop.example`, role, password: 'a-long-password-1' });
      expect(created.status).toBe(201);
      agentIds.push(created.body.id);
    }
    const placed = await kept.api('POST', '/api/v1/events', {
      id: 'story-order',
      type: 'order.placed',
      occurred_at: '2026-12-01T08:00:00Z',
      customer: ana,
      order: { id: 'A-1001', total: { amount: '89.00', currency: 'EUR' } },
      data: {},
    });
    expect(placed.status).toBe(202);
  });
  afterAll(async () => kept?.close());

  it('keeps one case and one owner, holds the repeated answer, escalates and routes to recovery', async () => {
    await customerWrites('email', 'Hello, where is my order A-1001? It was supposed to arrive last week.', { email: ana.email });
    const first = await theCase();
    expect(first.list).toHaveLength(1);
    const ownerId = first.view.owner_id as string;
    expect(agentIds).toContain(ownerId);

    const answered = await kept.api('POST', `/api/v1/cases/${first.view.id}/replies`, { author_id: ownerId, body: standardAnswer });
    expect(answered.status).toBe(201);

    await customerWrites('sms', 'Still nothing arrived. Can I speak to a supervisor please?', { phone: ana.phone });
    await customerWrites('social', 'This is the third time I am asking. I want someone more senior to look into this.', { handle: ana.handle });

    // A colleague answers with the same general information: held before it is sent.
    const colleague = agentIds.find((id) => id !== ownerId && id !== agentIds[2])!;
    const repeated = await kept.api('POST', `/api/v1/cases/${first.view.id}/replies`, { author_id: colleague, body: `Hi Ana,\n\n${standardAnswer}\n\nKind regards,\nKim` });
    expect(repeated.status).toBe(422);
    expect(repeated.body.findings).toEqual([{ code: 'repeated_reply', detail: expect.stringContaining('repeats the one sent on') }]);
    const held = await kept.api('GET', `/api/v1/outbox?case_id=${first.view.id}&status=held`);
    expect(held.body.items).toHaveLength(1);

    const overridden = await kept.api('POST', `/api/v1/cases/${first.view.id}/replies`, {
      author_id: colleague,
      body: `Hi Ana,\n\n${standardAnswer}\n\nKind regards,\nKim`,
      override: ['repeated_reply'],
      note: 'The carrier has no newer scan; this is all we know.',
    });
    expect(overridden.status).toBe(201);

    await customerWrites('email', 'Honestly, I doubt I will ever buy from you again. Get me your manager.', { email: ana.email });

    const { list, view } = await theCase();
    expect(list).toHaveLength(1);
    expect(view.channels).toEqual(expect.arrayContaining(['email', 'sms', 'social']));
    expect(view.owner_id).toBe(ownerId);
    expect(view.escalated).toBe(true);
    expect(view.queue).toBe('recovery');
    const codes = view.risk.signals.map((signal: { code: string }) => signal.code);
    expect(codes).toEqual(expect.arrayContaining(['manager_request', 'churn_intent', 'repeated_contact']));
    for (const signal of view.risk.signals) expect(signal.weight).toBeGreaterThan(0);
    // Three customer messages since the last answer that moved the case (the repeated one did not).
    expect(view.risk.signals.find((signal: { code: string }) => signal.code === 'repeated_contact').detail).toContain('3 customer messages');
    expect(view.risk.score).toBeGreaterThanOrEqual(0.5);
    expect(view.notes.map((note: { kind: string }) => note.kind)).toEqual(['escalated', 'recovery']);

    const recovery = await kept.api('GET', '/api/v1/cases?queue=recovery');
    expect(recovery.body.items.map((item: { id: string }) => item.id)).toEqual([view.id]);
    const escalated = await kept.api('GET', '/api/v1/cases?queue=escalated');
    expect(escalated.body.items.map((item: { id: string }) => item.id)).toEqual([view.id]);
    expect(detected).toContain('manager_request');
    expect(detected).toContain('churn_intent');
    expect(detected.filter((code) => code === 'recovery_needed')).toHaveLength(1);
    // The recovery queue comes with a commitment: a person's recovery action within one business day.
    const recoveryCommitments = (await kept.api('GET', `/api/v1/commitments?case_id=${view.id}&kind=follow_up`)).body.items;
    expect(recoveryCommitments).toEqual([expect.objectContaining({ policy_id: 'recovery-follow-up', state: 'open' })]);
  });

  it('does not escalate a customer who declines a manager or speaks of their own', async () => {
    const before = detected.length;
    for (const [id, text] of [
      ['calm-1', 'No need for a manager, just tell me when order B-2 ships.'],
      ['calm-2', 'My manager at work recommended your shop; your store manager was great too.'],
    ]) {
      const at = (await kept.api('GET', '/api/v1/clock')).body.now as string;
      expect((await kept.api('POST', '/api/v1/events', { id, type: 'contact.received', occurred_at: at, customer: { email: 'leo@example.com' }, data: { channel: 'web_form', text } })).status).toBe(
        202,
      );
    }
    const customer = (await kept.api('GET', '/api/v1/customers?email=leo@example.com')).body.items[0];
    const cases = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
    expect(cases).toHaveLength(1);
    const view = (await kept.api('GET', `/api/v1/cases/${cases[0].id}`)).body;
    expect(view).toMatchObject({ escalated: false, queue: null, notes: [] });
    expect(view.risk.signals.map((signal: { code: string }) => signal.code)).not.toContain('manager_request');
    expect(detected.slice(before)).toEqual([]);
  });

  it('shows the escalation, owned by a manager, breached when no manager answers', async () => {
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 7 * 24 * 3600 });
    const { view } = await theCase();
    const escalation = view.commitments.find((commitment: { kind: string }) => commitment.kind === 'escalation');
    expect(escalation).toMatchObject({ state: 'breached', owner_role: 'manager' });
    const breached = await kept.api('GET', '/api/v1/cases?queue=breached');
    expect(breached.body.items.map((item: { id: string }) => item.id)).toContain(view.id);
  });
});
