// A promised document is kept by the document sent: "you will receive the claim form within 24 hours" is kept
// when the claim's declaration form actually goes out to the customer; "I will email you the label" by the
// message.sent that carries it as an attachment, and not by one that only talks about it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { contact, createAgent, ingest, type TestAgent } from './commitment-helpers.js';

describe.each(storeKinds)('promised documents on %s', (storeKind) => {
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
    await ingest(kept, { id: 'pd-sent-1', type: 'message.sent', occurred_at: '2026-12-02T10:00:00Z', customer: { email: 'rae@example.com' }, data: { channel: 'email', text: 'Your label is on its way.' } });
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
});
