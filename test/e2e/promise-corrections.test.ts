// An agent corrects or dismisses a promise Kept read in their reply. "I'll call you tomorrow" is due Thursday
// at close; the agent corrects it to Friday 10:00, so nothing breaks on Thursday and it breaks once on Friday.
// A promise dismissed with a note never breaks and the note shows on the timeline. Nobody else may touch them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { actionsOf, advanceTo, contact, createAgent, ingest, type TestAgent } from './commitment-helpers.js';

describe.each(storeKinds)('correcting and dismissing promises on %s', (storeKind) => {
  let kept: TestKept;
  let ada: TestAgent;
  let cy: TestAgent;
  let max: TestAgent;
  let caseId: string;
  let customerId: string;
  let callbackId: string;
  let updateId: string;

  const commitment = async (id: string) => (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}`)).body.items.find((c: { id: string }) => c.id === id);
  const reply = async (agent: TestAgent, body: string) => kept.api('POST', `/api/v1/cases/${caseId}/replies`, { body }, await agent.token());

  beforeAll(async () => {
    // Wednesday 2 December 2026, 10:00 UTC (the default calendar: weekdays 09:00–17:00 UTC).
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-02T10:00:00Z') });
    ada = await createAgent(kept, { name: 'Ada', role: 'agent' });
    cy = await createAgent(kept, { name: 'Cy', role: 'agent' });
    max = await createAgent(kept, { name: 'Max', role: 'manager' });
    await ingest(kept, contact({ id: 'pc-1', email: 'lou@example.com', at: '2026-12-02T09:58:00Z', text: 'My parcel has still not arrived. Can someone ring me about it?' }));
    customerId = (await kept.api('GET', '/api/v1/customers?email=lou@example.com')).body.items[0].id;
    caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
    await kept.api('POST', `/api/v1/cases/${caseId}/assign`, { owner_id: ada.id });
  });
  afterAll(async () => kept?.close());

  it('reads "I\'ll call you tomorrow" as a callback due Thursday at close, owned by the agent who wrote it', async () => {
    const sent = await reply(ada, 'Sorry about the wait. I will call you tomorrow about the parcel.');
    expect(sent.status).toBe(201);
    expect(sent.body.commitments_opened).toEqual([expect.objectContaining({ kind: 'callback', due_at: '2026-12-03T17:00:00.000Z' })]);
    callbackId = sent.body.commitments_opened[0].id;
    expect(await commitment(callbackId)).toMatchObject({ state: 'open', owner_id: ada.id, details: expect.objectContaining({ source: 'promise', author_id: ada.id }) });
  });

  it('refuses another agent, who neither made the promise nor owns the case', async () => {
    const refused = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { due_at: '2026-12-04T10:00:00Z' }, await cy.token());
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await kept.api('POST', `/api/v1/commitments/${callbackId}/dismiss`, { note: 'not mine' }, await cy.token())).status).toBe(403);
    expect(await commitment(callbackId)).toMatchObject({ state: 'open', due_at: '2026-12-03T17:00:00.000Z' });
  });

  it('documents both routes in the OpenAPI document, from their schemas', async () => {
    const paths = (await kept.api('GET', '/api/v1/openapi.json')).body.paths;
    const body = (path: string) => paths[path].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body('/api/v1/commitments/{id}/correct').properties)).toEqual(['due_at', 'owner_id', 'note']);
    expect(body('/api/v1/commitments/{id}/dismiss').required).toEqual(['note']);
  });

  it('names the field of a correction that is not one', async () => {
    const token = await ada.token();
    const notATime = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { due_at: 'Friday morning' }, token);
    expect(notATime.status).toBe(400);
    expect(notATime.body).toMatchObject({ field: 'body.due_at', detail: expect.stringContaining('due_at') });
    const past = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { due_at: '2026-12-01T10:00:00Z' }, token);
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ field: 'due_at', detail: expect.stringContaining('has passed') });
    const nobody = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { owner_id: 'agt_nobody' }, token);
    expect(nobody.body).toMatchObject({ status: 400, field: 'owner_id' });
    const nothing = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { note: 'just a note' }, token);
    expect(nothing.body).toMatchObject({ status: 400, field: 'body.due_at' });
    expect((await kept.api('POST', `/api/v1/commitments/${callbackId}/dismiss`, {}, token)).body).toMatchObject({ status: 400, field: 'body.note' });
  });

  it('moves the deadline and its timers when the author corrects the time to Friday 10:00', async () => {
    const corrected = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { due_at: '2026-12-04T10:00:00Z', note: 'Lou is out on Thursday' }, await ada.token());
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ id: callbackId, state: 'open', due_at: '2026-12-04T10:00:00.000Z', details: expect.objectContaining({ vague: false }) });
    const timers = await kept.store.db.selectFrom('timers').select(['kind', 'fire_at']).where('commitment_id', '=', callbackId).orderBy('fire_at').execute();
    expect(timers.map((t) => [t.kind, new Date(t.fire_at).toISOString()])).toEqual([
      ['at_risk', '2026-12-04T09:00:00.000Z'],
      ['breach', '2026-12-04T10:00:00.000Z'],
    ]);
  });

  it('lets a manager take the promised call over', async () => {
    const taken = await kept.api('POST', `/api/v1/commitments/${callbackId}/correct`, { owner_id: max.id }, await max.token());
    expect(taken.body).toMatchObject({ owner_id: max.id, owner_role: 'manager', due_at: '2026-12-04T10:00:00.000Z' });
  });

  it('dismisses a misread promise with a note', async () => {
    const sent = await reply(ada, 'You can expect an update from the courier by tomorrow evening.');
    updateId = sent.body.commitments_opened[0].id;
    const dismissed = await kept.api('POST', `/api/v1/commitments/${updateId}/dismiss`, { note: 'The courier writes to Lou, not us: no promise of ours' }, await ada.token());
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      state: 'dismissed',
      details: expect.objectContaining({ dismissal: expect.objectContaining({ by: ada.id, note: 'The courier writes to Lou, not us: no promise of ours' }) }),
    });
    expect((await kept.api('POST', `/api/v1/commitments/${updateId}/correct`, { due_at: '2026-12-05T10:00:00Z' }, await ada.token())).status).toBe(409);
  });

  it('corrects and dismisses only what a promise opened', async () => {
    const firstResponse = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=first_response`)).body.items[0];
    const refused = await kept.api('POST', `/api/v1/commitments/${firstResponse.id}/dismiss`, { note: 'not a promise' }, await max.token());
    expect(refused.status).toBe(409);
    expect((await kept.api('POST', '/api/v1/commitments/com_missing/dismiss', { note: 'gone' })).status).toBe(404);
  });

  it('breaks nothing on Thursday: the old deadline is gone', async () => {
    await advanceTo(kept, '2026-12-03T18:00:00Z');
    expect(await commitment(callbackId)).toMatchObject({ state: 'open', at_risk: false, breached_at: null });
    expect(await commitment(updateId)).toMatchObject({ state: 'dismissed', breached_at: null });
  });

  it('is at risk an hour before Friday 10:00 and breaks once at 10:00, escalating once', async () => {
    await advanceTo(kept, '2026-12-04T09:30:00Z');
    expect(await commitment(callbackId)).toMatchObject({ state: 'open', at_risk: true });
    await advanceTo(kept, '2026-12-07T12:00:00Z');
    expect(await commitment(callbackId)).toMatchObject({ state: 'breached', breached_at: '2026-12-04T10:00:00.000Z' });
    expect((await actionsOf(kept, callbackId)).map((a) => a.action)).toEqual(['escalate', 'flag']);
    const escalations = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=escalation`)).body.items;
    expect(escalations.filter((e: { opened_by: string }) => e.opened_by === `${callbackId}:escalate`)).toHaveLength(1);
  });

  it('never breaks the dismissed promise, and shows the correction and the dismissal on the timeline', async () => {
    expect(await commitment(updateId)).toMatchObject({ state: 'dismissed', breached_at: null, fulfilled_by: null });
    expect(await actionsOf(kept, updateId)).toEqual([]);
    expect((await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&state=dismissed`)).body.items.map((c: { id: string }) => c.id)).toEqual([updateId]);
    const items = (await kept.api('GET', `/api/v1/customers/${customerId}/timeline`)).body.items;
    expect(items).toContainEqual(
      expect.objectContaining({
        type: 'commitment_corrected',
        commitment_id: callbackId,
        by: ada.id,
        from_due_at: '2026-12-03T17:00:00.000Z',
        due_at: '2026-12-04T10:00:00.000Z',
        note: 'Lou is out on Thursday',
      }),
    );
    expect(items).toContainEqual(expect.objectContaining({ type: 'commitment_dismissed', commitment_id: updateId, by: ada.id, note: 'The courier writes to Lou, not us: no promise of ours' }));
    expect(items.some((item: { type: string; commitment_id?: string }) => item.type === 'commitment_breached' && item.commitment_id === updateId)).toBe(false);
  });
});
