// Each shipped default policy played through the public API with the manual clock, kept and breached, on
// both stores. One Kept per store; every story has a week of its own, so the clock only moves forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/db/transaction.js';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';
import { actionsOf, advanceTo, byKind, firstOf, caseOf, contact, createAgent, ingest, type CommitmentView, type TestAgent } from './commitment-helpers.js';

/** A time in week `week` after the first test day (Tuesday 1 December 2026); day 0 is that week's Tuesday. */
function at(week: number, time: string, day = 0): string {
  const date = new Date(Date.UTC(2026, 11, 1 + week * 7 + day));
  return `${date.toISOString().slice(0, 10)}T${time}:00.000Z`;
}

describe.each(storeKinds)('the shipped policies on %s', (storeKind) => {
  let kept: TestKept;
  let agent: TestAgent;
  let managers: TestAgent[];

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    agent = await createAgent(kept, { name: 'Ada', role: 'agent' });
    managers = [await createAgent(kept, { name: 'Mona', role: 'manager' }), await createAgent(kept, { name: 'Max', role: 'manager' })];
  }, 600_000);
  afterAll(async () => kept?.close());

  const reply = async (caseId: string, author: string, body: string) => {
    const sent = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: author, body });
    expect(sent.status).toBe(201);
  };

  it('acknowledges every contact within 5 minutes: any outbound message keeps it; a breach escalates and flags the case', async () => {
    // The second customer writes from a social handle Kept has no acknowledgement for: no one acknowledges her.
    const lateAck = {
      id: 'ack-2',
      type: 'contact.received',
      occurred_at: at(0, '09:00'),
      customer: { handle: { network: 'twitter', id: '@lateack' } },
      data: { channel: 'social', text: 'Hello? Anyone?' },
    };
    await ingest(kept, contact({ id: 'ack-1', email: 'kept-ack@example.com', at: at(0, '09:00') }), lateAck);
    await advanceTo(kept, at(0, '09:01'));
    // The shop's no-reply mailer answers the first customer: an automatic message on the case.
    await ingest(kept, {
      id: 'ack-auto',
      type: 'message.sent',
      occurred_at: at(0, '09:01'),
      customer: { email: 'kept-ack@example.com' },
      data: { channel: 'email', text: 'We got your message.', author: 'noreply' },
    });
    const keptCase = await caseOf(kept, 'kept-ack@example.com');
    expect(byKind(keptCase.commitments, 'acknowledge')).toEqual([expect.objectContaining({ state: 'kept', kept_late: false })]);
    // An automatic message is not a person's answer.
    expect(firstOf(keptCase.commitments, 'first_response').state).toBe('open');

    await advanceTo(kept, at(0, '09:06'));
    const lateCustomer = (await kept.api('GET', '/api/v1/customers?handle=twitter:@lateack')).body.items[0];
    const lateCaseOf = async () => (await kept.api('GET', `/api/v1/cases/${(await kept.api('GET', `/api/v1/cases?customer_id=${lateCustomer.id}`)).body.items[0].id}`)).body;
    const lateCase = await lateCaseOf();
    const ack: CommitmentView = firstOf(lateCase.commitments, 'acknowledge');
    expect(ack).toMatchObject({ state: 'breached', due_at: at(0, '09:05') });
    expect(lateCase.escalated).toBe(true);
    expect(lateCase.flagged).toBe(true);
    const escalation: CommitmentView = firstOf(lateCase.commitments, 'escalation');
    expect(escalation).toMatchObject({ state: 'open', opened_by: `${ack.id}:escalate` });
    expect(managers.map((m) => m.id)).toContain(escalation.owner_id);
    expect((await actionsOf(kept, ack.id)).map((a) => a.action).sort()).toEqual(['escalate', 'flag']);

    // A breached commitment stays listed until it is kept late.
    expect((await kept.api('GET', `/api/v1/commitments?state=breached&case_id=${lateCase.id}`)).body.items.map((c: CommitmentView) => c.id)).toEqual([ack.id]);
    await reply(lateCase.id, agent.id, 'Sorry for the wait, we are on it.');
    const after = await lateCaseOf();
    expect(firstOf(after.commitments, 'acknowledge')).toMatchObject({ state: 'kept', kept_late: true });
    expect(firstOf(after.commitments, 'first_response')).toMatchObject({ state: 'kept', kept_late: false });
  });

  it('answers within 4 business hours: a reply keeps it, 30 minutes before it is at risk, then it breaches', async () => {
    await advanceTo(kept, at(1, '09:00'));
    await ingest(kept, contact({ id: 'fr-1', email: 'answered@example.com', at: at(1, '09:00') }), contact({ id: 'fr-2', email: 'waiting@example.com', at: at(1, '09:00') }));
    const waiting = await caseOf(kept, 'waiting@example.com');
    expect(firstOf(waiting.commitments, 'first_response').due_at).toBe(at(1, '13:00'));
    await advanceTo(kept, at(1, '11:00'));
    const answered = await caseOf(kept, 'answered@example.com');
    await reply(answered.id, agent.id, 'Your parcel left our warehouse this morning.');
    await advanceTo(kept, at(1, '12:31'));
    const atRisk = await caseOf(kept, 'waiting@example.com');
    expect(firstOf(atRisk.commitments, 'first_response')).toMatchObject({ state: 'open', at_risk: true });
    expect(atRisk.flagged).toBe(true);
    await advanceTo(kept, at(1, '13:01'));
    expect(firstOf((await caseOf(kept, 'waiting@example.com')).commitments, 'first_response').state).toBe('breached');
    expect(firstOf((await caseOf(kept, 'answered@example.com')).commitments, 'first_response')).toMatchObject({ state: 'kept', fulfilled_by: expect.stringMatching(/^msg_/) });
  });

  it('answers a social post within 1 business hour, counted on business hours', async () => {
    await advanceTo(kept, at(2, '10:00'));
    const social = (id: string, handle: string, when: string) => ({
      id,
      type: 'contact.received',
      occurred_at: when,
      customer: { email: `${handle}@example.com`, handle: { network: 'twitter', id: `@${handle}` } },
      data: { channel: 'social', text: 'Still no refund, really?' },
    });
    await ingest(kept, social('so-1', 'quick', at(2, '10:00')));
    const quick = await caseOf(kept, 'quick@example.com');
    expect(firstOf(quick.commitments, 'first_response').due_at).toBe(at(2, '11:00'));
    await advanceTo(kept, at(2, '10:30'));
    await reply(quick.id, agent.id, 'We are checking your refund now.');
    expect(firstOf((await caseOf(kept, 'quick@example.com')).commitments, 'first_response').state).toBe('kept');

    // Posted after hours: the hour starts when the team does.
    await advanceTo(kept, at(2, '16:30'));
    await ingest(kept, social('so-2', 'evening', at(2, '16:30')));
    expect(firstOf((await caseOf(kept, 'evening@example.com')).commitments, 'first_response').due_at).toBe(at(2, '09:30', 1));
    await advanceTo(kept, at(2, '09:31', 1));
    expect(firstOf((await caseOf(kept, 'evening@example.com')).commitments, 'first_response').state).toBe('breached');
  });

  it('notifies the customer of an order change within 15 minutes; the fallback action runs once before the deadline', async () => {
    await advanceTo(kept, at(3, '08:00'));
    const placed = (id: string, order: string, email: string) => ({
      id,
      type: 'order.placed',
      occurred_at: at(3, '08:00'),
      customer: { email },
      order: { id: order, payment: { method: 'card', last4: '4242' } },
      data: {},
    });
    await ingest(kept, placed('op-1', 'A-100', 'told@example.com'), placed('op-2', 'A-200', 'untold@example.com'));
    await advanceTo(kept, at(3, '09:00'));
    const cancelled = (id: string, order: string, email: string) => ({
      id,
      type: 'order.cancelled',
      occurred_at: at(3, '09:00'),
      customer: { email },
      order: { id: order },
      data: { reason: 'payment_verification_failed' },
    });
    await ingest(kept, cancelled('oc-1', 'A-100', 'told@example.com'), cancelled('oc-2', 'A-200', 'untold@example.com'));
    const notifyOf = async (email: string): Promise<CommitmentView> => {
      const customer = (await kept.api('GET', `/api/v1/customers?email=${email}`)).body.items[0];
      return firstOf((await kept.api('GET', `/api/v1/commitments?customer_id=${customer.id}&kind=notify`)).body.items, 'notify');
    };
    expect(await notifyOf('told@example.com')).toMatchObject({ state: 'open', due_at: at(3, '09:15') });

    await advanceTo(kept, at(3, '09:05'));
    await ingest(kept, {
      id: 'ms-1',
      type: 'message.sent',
      occurred_at: at(3, '09:05'),
      customer: { email: 'told@example.com' },
      order: { id: 'A-100' },
      data: { channel: 'email', text: 'Your order A-100 was cancelled: we could not verify the payment.' },
    });
    expect(await notifyOf('told@example.com')).toMatchObject({ state: 'kept' });

    await advanceTo(kept, at(3, '09:11'));
    const untold = await notifyOf('untold@example.com');
    const fallback = (await actionsOf(kept, untold.id)).filter((a) => a.action === 'send_fallback');
    expect(fallback).toHaveLength(1);
    // The fallback was queued and went out at once: it kept the commitment (in time), so nothing breaches.
    expect(fallback[0]!.result).toMatchObject({ status: 'queued', outboxId: expect.any(String) });
    const customerId = (await kept.api('GET', '/api/v1/customers?email=untold@example.com')).body.items[0].id;
    const sent = (await kept.api('GET', `/api/v1/outbox?customer_id=${customerId}`)).body.items as { id: string; status: string; origin: string; subject: string }[];
    expect(sent.map((entry) => [entry.id, entry.origin, entry.status])).toEqual([[fallback[0]!.result!['outboxId'], 'fallback', 'sent']]);
    expect(sent[0]!.subject).toBe('Your order A-200 has been cancelled');
    await advanceTo(kept, at(3, '09:16'));
    expect(await notifyOf('untold@example.com')).toMatchObject({ state: 'kept', kept_late: false, fulfilled_by: expect.any(String) });
    expect((await actionsOf(kept, untold.id)).filter((a) => a.action === 'send_fallback')).toHaveLength(1);
  });

  it('follows up a detractor or a "contact me" survey answer within 2 business days', async () => {
    await advanceTo(kept, at(4, '09:00'));
    const survey = (id: string, email: string, data: Record<string, unknown>) => ({ id, type: 'survey.responded', occurred_at: at(4, '09:00'), customer: { email }, data });
    await ingest(
      kept,
      survey('sv-1', 'detractor@example.com', { score: 4, comment: 'Slow delivery.' }),
      survey('sv-2', 'callme@example.com', { score: 9, contact_requested: true }),
      survey('sv-3', 'happy@example.com', { score: 10 }),
    );
    const detractor = await caseOf(kept, 'detractor@example.com');
    expect(byKind(detractor.commitments, 'follow_up')).toEqual([expect.objectContaining({ state: 'open', due_at: at(4, '09:00', 2) })]);
    // The survey's own follow-up is the answer owed: no 5-minute acknowledgement or 4-hour first response.
    expect(byKind(detractor.commitments, 'acknowledge')).toEqual([]);
    expect(byKind(detractor.commitments, 'first_response')).toEqual([]);
    const happy = (await kept.api('GET', '/api/v1/customers?email=happy@example.com')).body.items[0];
    expect((await kept.api('GET', `/api/v1/commitments?customer_id=${happy.id}`)).body.items).toEqual([]);

    await advanceTo(kept, at(4, '10:00', 1));
    await reply(detractor.id, agent.id, 'Thank you for telling us; we have looked into your delivery.');
    await advanceTo(kept, at(4, '09:01', 2));
    expect(firstOf((await caseOf(kept, 'detractor@example.com')).commitments, 'follow_up').state).toBe('kept');
    expect(firstOf((await caseOf(kept, 'callme@example.com')).commitments, 'follow_up').state).toBe('breached');
  });

  it('gives a manager request an escalation owned by a manager; its breach goes to the other manager', async () => {
    await advanceTo(kept, at(5, '09:00'));
    await ingest(
      kept,
      contact({ id: 'mr-1', email: 'boss@example.com', at: at(5, '09:00'), text: 'I want to speak to a manager.' }),
      contact({ id: 'mr-2', email: 'escalated@example.com', at: at(5, '09:00') }),
    );
    const asked = await caseOf(kept, 'boss@example.com');
    // The signals feature reports the request on the bus, in the transaction that read the message.
    await withTransaction(kept.store.db, (tx) =>
      kept.services.bus.emit(
        'signal.detected',
        { code: 'manager_request', caseId: asked.id, customerId: asked.customer_id, messageId: asked.messages[0].id, detail: 'asked for a manager', at: new Date(at(5, '09:00')) },
        tx,
      ),
    );
    const escalation: CommitmentView = firstOf((await caseOf(kept, 'boss@example.com')).commitments, 'escalation');
    expect(escalation).toMatchObject({ state: 'open', due_at: at(5, '13:00') });
    const owner = managers.find((m) => m.id === escalation.owner_id)!;
    expect(owner).toBeDefined();
    await reply(asked.id, owner.id, 'I am the manager; I will sort this out today.');
    expect(firstOf((await caseOf(kept, 'boss@example.com')).commitments, 'escalation').state).toBe('kept');

    // An agent escalates the other case by hand: an escalation owned by a manager opens too.
    const other = await caseOf(kept, 'escalated@example.com');
    const escalated = await kept.api('POST', `/api/v1/cases/${other.id}/escalate`, { note: 'Customer is upset' }, await agent.token());
    expect(escalated.status).toBe(200);
    const first: CommitmentView = firstOf((await caseOf(kept, 'escalated@example.com')).commitments, 'escalation');
    expect(managers.map((m) => m.id)).toContain(first.owner_id);
    await advanceTo(kept, at(5, '13:01'));
    const breachedCase = await caseOf(kept, 'escalated@example.com');
    const escalations: CommitmentView[] = byKind(breachedCase.commitments, 'escalation');
    expect(escalations.map((c) => c.state).sort()).toEqual(['breached', 'open']);
    const next = escalations.find((c) => c.state === 'open')!;
    expect(next.owner_id).not.toBe(first.owner_id);
    expect(managers.map((m) => m.id)).toContain(next.owner_id);
    expect(breachedCase.owner_id).toBe(managers.find((m) => m.id !== first.owner_id)!.id);
    expect(breachedCase.flagged).toBe(true);
  });

  it('resolves within 3 business days, not counting time pending on the customer', async () => {
    await advanceTo(kept, at(6, '09:00'));
    await ingest(kept, contact({ id: 'rs-1', email: 'slow@example.com', at: at(6, '09:00') }), contact({ id: 'rs-2', email: 'solved@example.com', at: at(6, '09:00') }));
    const solved = await caseOf(kept, 'solved@example.com');
    expect(firstOf(solved.commitments, 'resolution').due_at).toBe(at(6, '09:00', 3));
    await advanceTo(kept, at(6, '10:00'));
    await kept.api('POST', `/api/v1/cases/${solved.id}/resolve`);
    expect(firstOf((await caseOf(kept, 'solved@example.com')).commitments, 'resolution').state).toBe('kept');

    const slow = await caseOf(kept, 'slow@example.com');
    await advanceTo(kept, at(6, '09:00', 1));
    await kept.api('POST', `/api/v1/cases/${slow.id}/pending`, { pending: true });
    await advanceTo(kept, at(6, '09:00', 2));
    // The customer answers a day later: the case opens again and the deadline moves by the business day
    // (8 business hours) spent waiting, from Friday 09:00 to Friday 17:00.
    await ingest(kept, contact({ id: 'rs-3', email: 'slow@example.com', at: at(6, '09:00', 2), text: 'Here is the photo you asked for.' }));
    const resumed = byKind((await caseOf(kept, 'slow@example.com')).commitments, 'resolution');
    expect(resumed).toEqual([expect.objectContaining({ state: 'open', due_at: at(6, '17:00', 3) })]);
    await advanceTo(kept, at(6, '16:59', 3));
    expect(firstOf((await caseOf(kept, 'slow@example.com')).commitments, 'resolution').state).toBe('open');
    await advanceTo(kept, at(6, '17:01', 3));
    const breached = await caseOf(kept, 'slow@example.com');
    expect(firstOf(breached.commitments, 'resolution').state).toBe('breached');
    expect(breached.escalated).toBe(true);
  });

  it('lets only a manager waive a breached commitment, with a reason; metrics and the timeline agree', async () => {
    const waiting = await caseOf(kept, 'waiting@example.com');
    const breached: CommitmentView = firstOf(waiting.commitments, 'first_response');
    expect(breached.state).toBe('breached');
    expect((await kept.api('POST', `/api/v1/commitments/${breached.id}/waive`, { reason: 'duplicate' }, await agent.token())).status).toBe(403);
    expect((await kept.api('POST', `/api/v1/commitments/${breached.id}/waive`, { reason: ' ' }, await managers[0]!.token())).status).toBe(400);
    const waived = await kept.api('POST', `/api/v1/commitments/${breached.id}/waive`, { reason: 'Customer called and was helped by phone' }, await managers[0]!.token());
    expect(waived.status).toBe(200);
    expect(waived.body).toMatchObject({ id: breached.id, state: 'waived', waived_reason: 'Customer called and was helped by phone' });
    expect((await kept.api('POST', `/api/v1/commitments/${breached.id}/waive`, { reason: 'again' }, await managers[0]!.token())).status).toBe(409);
    expect((await kept.api('GET', `/api/v1/commitments?state=breached&case_id=${waiting.id}`)).body.items.map((c: CommitmentView) => c.id)).not.toContain(breached.id);

    const timeline = (await kept.api('GET', `/api/v1/customers/${waiting.customer_id}/timeline`)).body.items.map((item: { type: string; commitment_id?: string }) => item);
    const mine = timeline.filter((item: { commitment_id?: string }) => item.commitment_id === breached.id).map((item: { type: string }) => item.type);
    expect(mine).toEqual(['commitment_opened', 'commitment_breached', 'commitment_waived']);

    // Weeks later the escalated case still has its two escalations: a breached escalation escalates once.
    expect(byKind((await caseOf(kept, 'escalated@example.com')).commitments, 'escalation')).toHaveLength(2);

    // Metrics are an operator's: an admin (or the scrape token) reads them, an agent may not.
    expect((await kept.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${await agent.token()}` } })).statusCode).toBe(403);
    const metrics = await kept.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${adminToken}` } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/kept_commitments_breached\{kind="first_response"\} [1-9]/);
    expect(metrics.body).toMatch(/kept_commitments_kept\{kind="acknowledge"\} [1-9]/);
    expect(metrics.body).toMatch(/kept_commitments_breached\{kind="escalation"\} [1-9]/);
    expect(metrics.body).toMatch(/kept_timer_fire_lag_seconds_count\{timer_kind="breach"\} [1-9]/);
    expect((await kept.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('opens nothing twice when events are sent again, and runs no action twice', async () => {
    const before = (await kept.api('GET', '/api/v1/commitments?limit=1000')).body.items.length;
    const again = await kept.api('POST', '/api/v1/events', { events: [contact({ id: 'ack-1', email: 'kept-ack@example.com', at: at(0, '09:00') })] });
    expect(again.body).toEqual({ accepted: 0, duplicates: 1 });
    expect((await kept.api('GET', '/api/v1/commitments?limit=1000')).body.items.length).toBe(before);
    const keys = await kept.store.db.selectFrom('actions').select(['idempotency_key']).execute();
    expect(new Set(keys.map((k) => k.idempotency_key)).size).toBe(keys.length);
  });

  it('opens a commitment another feature asks for once per key, and lets that feature keep it', async () => {
    await advanceTo(kept, at(7, '09:00'));
    await ingest(kept, contact({ id: 'pr-1', email: 'promised@example.com', at: at(7, '09:00') }));
    const theCase = await caseOf(kept, 'promised@example.com');
    const request = () => ({
      key: 'promise:msg_1:0',
      kind: 'callback' as const,
      caseId: theCase.id,
      customerId: theCase.customer_id,
      orderNumber: null,
      dueAt: new Date(at(7, '15:00')),
      ownerId: agent.id,
      ownerRole: 'agent' as const,
      openedBy: 'message:msg_1',
      details: {},
    });
    // The promises feature asks through the engine's port, in the transaction of the reply that made the
    // promise; asking again is a no-op that answers the same id.
    const { openCommitment, keepCommitment } = kept.commitments.service;
    const first = await withTransaction(kept.store.db, (tx) => openCommitment(tx, request()));
    const again = await withTransaction(kept.store.db, (tx) => openCommitment(tx, request()));
    expect(first).toMatch(/^com_/);
    expect(again).toBe(first);
    const callbacks = byKind((await caseOf(kept, 'promised@example.com')).commitments, 'callback');
    expect(callbacks).toEqual([expect.objectContaining({ id: first, state: 'open', due_at: at(7, '15:00'), owner_id: agent.id })]);
    await withTransaction(kept.store.db, (tx) => keepCommitment(tx, { commitmentId: first, by: 'message:msg_2', at: new Date(at(7, '10:00')) }));
    await advanceTo(kept, at(7, '15:01'));
    expect(firstOf((await caseOf(kept, 'promised@example.com')).commitments, 'callback')).toMatchObject({ state: 'kept', fulfilled_by: 'message:msg_2' });
  });
});
