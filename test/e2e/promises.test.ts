// Promises in words (crack C11): "A supervisor will call you by Friday" becomes a callback commitment owned by
// a manager, due Friday at close of business; nobody calls, it breaches and escalates; the logged call keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

describe.each(storeKinds)('promises made in words on %s', (storeKind) => {
  let kept: TestKept;
  let agentId: string;
  let caseId: string;
  beforeAll(async () => {
    // Wednesday 2 December 2026, 10:00 UTC (the default calendar: weekdays 09:00–17:00 UTC).
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-02T10:00:00Z') });
    await kept.api('POST', '/api/v1/events', {
      id: 'p-1',
      type: 'contact.received',
      occurred_at: '2026-12-02T09:55:00Z',
      customer: { email: 'pia@example.com', name: 'Pia' },
      data: { channel: 'email', text: 'I have been charged twice. I want to talk to someone.', thread_ref: 'pia-thread' },
    });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' })).body.id;
    await kept.api('POST', '/api/v1/agents', { name: 'Max', email: 'max@kept.test', role: 'manager', password: 'correct horse battery' });
    const customer = (await kept.api('GET', '/api/v1/customers?email=pia@example.com')).body.items[0];
    caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0].id;
  });
  afterAll(async () => kept?.close());

  it('shows the agent the promise and the callback commitment it opened, owned by a manager, due Friday at close', async () => {
    const reply = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: agentId, body: 'I am sorry about this. A supervisor will call you by Friday.' });
    expect(reply.status).toBe(201);
    expect(reply.body.promises).toEqual([expect.objectContaining({ kind: 'callback', owner: 'manager', due_at: '2026-12-04T17:00:00.000Z', vague: false })]);
    expect(reply.body.commitments_opened).toEqual([expect.objectContaining({ kind: 'callback', due_at: '2026-12-04T17:00:00.000Z', owner_role: 'manager' })]);
    const callbacks = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=callback`)).body.items;
    expect(callbacks).toEqual([expect.objectContaining({ state: 'open', owner_role: 'manager', due_at: '2026-12-04T17:00:00.000Z' })]);
  });

  it("lists the promise on the reply's outbox entry, with the commitment it opened", async () => {
    const callbackId = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=callback`)).body.items[0].id;
    const entry = (await kept.api('GET', `/api/v1/outbox?case_id=${caseId}`)).body.items.find((e: { origin: string }) => e.origin === 'agent_reply');
    expect(entry.promises).toEqual([
      expect.objectContaining({
        kind: 'callback',
        owner: 'manager',
        due_at: '2026-12-04T17:00:00.000Z',
        phrase: 'A supervisor will call you by Friday.',
        commitment: { id: callbackId, kind: 'callback', due_at: '2026-12-04T17:00:00.000Z', opened: true },
      }),
    ]);
    expect(entry.commitment_ids).toEqual([callbackId]);
  });

  it('shows the composer the promise a draft makes, and warns before sending when it has no time', async () => {
    const preview = await kept.api('POST', `/api/v1/cases/${caseId}/replies/preview`, { author_id: agentId, body: 'Someone will call you back about this.' });
    expect(preview.status).toBe(200);
    expect(preview.body.promises).toEqual([expect.objectContaining({ kind: 'callback', vague: true, warning: 'You promised a call but no time: add one?' })]);
    expect((await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=callback`)).body.items).toHaveLength(1);
  });

  it('warns about a promise without a time and gives it the default deadline, marked vague', async () => {
    const reply = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: agentId, body: 'We will look into the double charge and get back to you.' });
    expect(reply.status).toBe(201);
    expect(reply.body.promises).toContainEqual(expect.objectContaining({ vague: true, warning: expect.stringContaining('but no time') }));
  });

  it('breaches on Friday evening when nobody calls, and escalates the case', async () => {
    await kept.api('POST', '/api/v1/clock', { to: '2026-12-04T17:30:00Z' });
    const callback = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=callback`)).body.items[0];
    expect(callback.state).toBe('breached');
    expect((await kept.api('GET', `/api/v1/cases/${caseId}`)).body.escalated).toBe(true);
  });

  it('is kept (late) when the call is logged on the case', async () => {
    await kept.api('POST', '/api/v1/events', {
      id: 'p-call',
      type: 'contact.received',
      occurred_at: '2026-12-04T17:40:00Z',
      customer: { email: 'pia@example.com' },
      data: { channel: 'phone', text: 'Call with Max: refund of the double charge agreed.', thread_ref: 'pia-thread' },
    });
    const callback = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=callback`)).body.items[0];
    expect(callback.state).toBe('kept');
    expect(callback.fulfilled_by).toMatch(/^message:/);
  });
});
