// What messages promise, whoever sends them. A promised document is kept by the document sent: "you will
// receive the claim form within 24 hours" when the claim's declaration form actually goes out, "I will email
// you the label" by the message.sent that carries it as an attachment, not by one that only talks about it.
// A reply from a template is read like any reply. Kept's own messages promise too: the acknowledgement's
// "a person will answer it soon" is owed by the first-response commitment; a claim's "you will get its tracking
// details" opens a promise commitment of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { contact, createAgent, ingest, type TestAgent } from './commitment-helpers.js';

describe.each(storeKinds)('promises in the messages sent on %s', (storeKind) => {
  let kept: TestKept;
  let ada: TestAgent;
  let caseId: string;
  let customerId: string;

  const documents = async () => (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=document`)).body.items;
  const reply = async (body: string) => kept.api('POST', `/api/v1/cases/${caseId}/replies`, { body }, await ada.token());

  beforeAll(async () => {
    // Wednesday 2 December 2026, 10:00 UTC.
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-02T10:00:00Z') });
    ada = await createAgent(kept, { name: 'Ada', role: 'agent' });
    await ingest(kept, contact({ id: 'pd-1', email: 'rae@example.com', at: '2026-12-02T09:50:00Z', text: 'My parcel never arrived. What do I need to do?' }));
    customerId = (await kept.api('GET', '/api/v1/customers?email=rae@example.com')).body.items[0].id;
    caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
  });
  afterAll(async () => kept?.close());

  it('reads "you will receive the claim form within 24 hours" as a document promise', async () => {
    const sent = await reply('I am sorry it has not arrived. You will receive the claim form within 24 hours.');
    expect(sent.status).toBe(201);
    expect(sent.body.commitments_opened).toEqual([expect.objectContaining({ kind: 'document', due_at: '2026-12-03T10:00:00.000Z' })]);
    expect(await documents()).toEqual([expect.objectContaining({ state: 'open' })]);
  });

  it('is kept when the claim form is sent to the customer', async () => {
    const claim = await kept.api('POST', `/api/v1/cases/${caseId}/claims`, { type: 'non_delivery' }, await ada.token());
    expect(claim.status).toBe(201);
    const formRequest = claim.body.messages.find((m: { body: string }) => m.body.includes('/forms/'));
    const promised = (await documents()).find((c: { details: { source?: string } }) => c.details.source === 'promise');
    expect(promised).toMatchObject({ state: 'kept', kept_late: false, fulfilled_by: `message:${formRequest.id}` });
  });

  it('is not kept by a message that only talks about the document', async () => {
    const sent = await reply('I will email you the returns label by Friday.');
    const labelId = sent.body.commitments_opened[0].id;
    await ingest(kept, {
      id: 'pd-sent-1',
      type: 'message.sent',
      occurred_at: '2026-12-02T10:00:00Z',
      customer: { email: 'rae@example.com' },
      data: { channel: 'email', text: 'Your label is on its way.' },
    });
    expect((await documents()).find((c: { id: string }) => c.id === labelId)).toMatchObject({ state: 'open' });
    await ingest(kept, {
      id: 'pd-sent-2',
      type: 'message.sent',
      occurred_at: '2026-12-02T10:00:00Z',
      customer: { email: 'rae@example.com' },
      data: { channel: 'email', text: 'Here is your returns label.', attachments: [{ filename: 'label.pdf', content_type: 'application/pdf' }] },
    });
    expect((await documents()).find((c: { id: string }) => c.id === labelId)).toMatchObject({ state: 'kept', fulfilled_by: expect.stringMatching(/^message:/) });
  });

  it("lists the acknowledgement's promise on its outbox entry, owed by the first-response commitment, and opens nothing more", async () => {
    const entry = (await kept.api('GET', `/api/v1/outbox?case_id=${caseId}`)).body.items.find((e: { origin: string }) => e.origin === 'acknowledgement');
    const firstResponse = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=first_response`)).body.items[0];
    expect(entry.promises).toEqual([
      expect.objectContaining({
        kind: 'follow_up',
        owner: 'team',
        vague: true,
        phrase: 'We have your message and a person will answer it soon.',
        commitment: { id: firstResponse.id, kind: 'first_response', due_at: firstResponse.due_at, opened: false },
      }),
    ]);
    expect(entry.commitment_ids).toEqual([]);
    const promisedReplies = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=follow_up`)).body.items.filter((c: { details: { source?: string } }) => c.details.source === 'promise');
    expect(promisedReplies).toEqual([]);
  });

  it('lists what each template promises, and which policy already owes it', async () => {
    const templates = (await kept.api('GET', '/api/v1/templates')).body.items;
    const acknowledgement = templates.find((t: { id: string }) => t.id === 'acknowledgement.email');
    expect(acknowledgement.promises).toEqual([expect.objectContaining({ kind: 'follow_up', vague: true, line: 3, backed_by: { policy: 'first-response', commitment_kind: 'first_response' } })]);
    expect(templates.find((t: { id: string }) => t.id === 'order.cancelled.email').promises).toEqual([]);
  });

  it('reads a reply sent from a template like any reply', async () => {
    const sent = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { template: 'contact.received.email', vars: { 'case.reply_by': '2026-12-04' } }, await ada.token());
    expect(sent.status).toBe(201);
    expect(sent.body.promises).toEqual([expect.objectContaining({ kind: 'follow_up', owner: 'team', due_at: '2026-12-04T17:00:00.000Z', vague: false })]);
    expect(sent.body.commitments_opened).toEqual([expect.objectContaining({ kind: 'follow_up', due_at: '2026-12-04T17:00:00.000Z' })]);
  });

  it("opens a commitment for a promise in Kept's own message that no policy owes", async () => {
    const claimCase = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items.find((c: { id: string }) => c.id !== caseId);
    const resolved = await kept.api('POST', `/api/v1/cases/${claimCase.id}/claims/resolve`, { option: 'reship' }, await ada.token());
    expect(resolved.status).toBe(200);
    const updates = (await kept.api('GET', `/api/v1/commitments?case_id=${claimCase.id}&kind=update`)).body.items;
    expect(updates).toEqual([
      expect.objectContaining({
        state: 'open',
        policy_id: 'promise:update',
        details: expect.objectContaining({ source: 'promise', vague: true, author_id: null, promise: expect.objectContaining({ phrase: 'You will get its tracking details when it ships.' }) }),
      }),
    ]);
    const entry = (await kept.api('GET', `/api/v1/outbox?case_id=${claimCase.id}`)).body.items.find((e: { origin: string }) => e.origin === 'claim_resolution');
    expect(entry.commitment_ids).toEqual([updates[0].id]);
  });
});

describe.each(storeKinds)("the acknowledgement's promise, read as the case stood when it was written, on %s", (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-02T10:00:00Z') });
  });
  afterAll(async () => kept?.close());

  const shopReply = (id: string, email: string) => ({
    id,
    type: 'message.sent',
    occurred_at: '2026-12-02T09:55:00Z',
    customer: { email },
    data: { channel: 'email', text: 'Your parcel left our warehouse yesterday.' },
  });
  /** The case's acknowledgement promise and the follow-up commitments opened for promises on it. */
  const promisesOf = async (email: string) => {
    const customerId = (await kept.api('GET', `/api/v1/customers?email=${email}`)).body.items[0].id;
    const caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
    const entry = (await kept.api('GET', `/api/v1/outbox?case_id=${caseId}`)).body.items.find((e: { origin: string }) => e.origin === 'acknowledgement');
    const followUps = (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}&kind=follow_up`)).body.items.filter((c: { details: { source?: string } }) => c.details.source === 'promise');
    const backedBy = entry.promises.map(({ commitment }: { commitment: { kind: string; due_at: string; opened: boolean } }) => ({
      kind: commitment.kind,
      due_at: commitment.due_at,
      opened: commitment.opened,
    }));
    return { backedBy, followUps };
  };

  it('is owed by the first response whether the reply that kept it came in the same batch or a later one', async () => {
    // One batch: the shop's reply keeps the first response before the acknowledgement is delivered.
    await ingest(kept, contact({ id: 'ab-1', email: 'one@example.com', at: '2026-12-02T09:50:00Z' }), shopReply('ab-2', 'one@example.com'));
    // Two batches: the acknowledgement is delivered while the first response is still open.
    await ingest(kept, contact({ id: 'ab-3', email: 'two@example.com', at: '2026-12-02T09:50:00Z' }));
    await ingest(kept, shopReply('ab-4', 'two@example.com'));

    const oneBatch = await promisesOf('one@example.com');
    const twoBatches = await promisesOf('two@example.com');
    expect(twoBatches).toEqual({ backedBy: [{ kind: 'first_response', due_at: '2026-12-02T13:50:00.000Z', opened: false }], followUps: [] });
    expect(oneBatch).toEqual(twoBatches);
  });
});
