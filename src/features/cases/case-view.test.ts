// The case JSON is read in one statement; it must be byte for byte the JSON the part-by-part read gave (one
// query for the case, then its messages, commitments, notes and documents), on both stores — and on the
// embedded store, where views are kept between reads, every write must show in the next read.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../../../test/helpers/stores.js';
import { adminToken, createTestKept, testStart, type TestKept } from '../../../test/helpers/test-app.js';
import * as claimRepo from '../claims/claim.repo.js';
import { toDocumentView } from '../claims/claim.service.js';
import * as commitmentRepo from '../commitments/commitment.repo.js';
import * as signalRepo from '../signals/signal.repo.js';
import * as caseRepo from './case.repo.js';
import { caseToken, toMessageView } from './case.service.js';
import * as messageRepo from './message.repo.js';

/** The case JSON as GET /cases/{id} assembled it before, one query per part. */
async function readCasePartByPart(kept: TestKept, id: string) {
  const db = kept.store.db;
  const record = (await caseRepo.findCaseById(db, id))!;
  const [messages, commitments, notes, documents] = await Promise.all([
    messageRepo.listMessagesOfCase(db, id),
    commitmentRepo.listCommitments(db, { caseId: id, limit: 1000 }),
    signalRepo.listCaseNotes(db, id),
    claimRepo.listDocumentsOfCase(db, id),
  ]);
  return {
    id: record.id,
    number: record.number,
    token: caseToken(record.number),
    customer_id: record.customerId,
    state: record.state,
    owner_id: record.ownerId,
    subject: record.subject,
    channels: record.channels,
    order_number: record.orderNumber,
    kind: record.kind,
    queue: record.queue,
    escalated: record.escalated,
    flagged: record.flagged,
    risk: record.risk,
    messages: messages.map(toMessageView),
    commitments: commitments.map(commitmentRepo.toCommitmentView),
    documents: documents.map(toDocumentView),
    status_url: `http://localhost:3000/status/${record.statusToken}`,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    resolved_at: record.resolvedAt?.toISOString() ?? null,
    notes: notes.map((note) => ({ id: note.id, kind: note.kind, author_id: note.authorId, body: note.body, at: note.at.toISOString() })),
    // No mail reached this case: its attachments are an empty list (the email channel's own tests fill it).
    attachments: [],
    // The customer of these cases bought nothing with a caveat (test/e2e/caveats.test.ts reads them).
    caveats: [],
  };
}

describe.each(storeKinds)('reading a case in one statement on %s', (storeKind) => {
  let kept: TestKept;
  let caseId = '';
  let agentId = '';
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' })).body.id;
    const customer = { email: 'lena@example.com', name: 'Lena' };
    const at = (hours: number) => new Date(testStart.getTime() + hours * 3_600_000).toISOString();
    await kept.api('POST', '/api/v1/events', {
      events: [
        { id: 'v-placed', type: 'order.placed', occurred_at: at(-72), customer, order: { id: 'V-1', total: { amount: '80.00', currency: 'EUR' }, payment: { method: 'card', last4: '4242' } } },
        { id: 'v-shipped', type: 'order.shipped', occurred_at: at(-48), customer, order: { id: 'V-1' }, data: { carrier: 'DHL', tracking_number: 'JD0001' } },
        { id: 'v-lost', type: 'order.delivery_exception', occurred_at: at(-1), customer, order: { id: 'V-1' }, data: { reason: 'lost_in_transit' } },
      ],
    });
    const cases = (await kept.api('GET', '/api/v1/cases?limit=10')).body.items as { id: string }[];
    caseId = cases[0]!.id;
    await kept.api('POST', '/api/v1/events', {
      id: 'v-contact',
      type: 'contact.received',
      occurred_at: at(0),
      customer,
      order: { id: 'V-1' },
      data: { channel: 'email', text: "Order V-1 never came. I don't think I'll ever buy from you again. I want to speak to a manager." },
    });
    const reply = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: agentId, body: 'Sorry Lena, a manager will call you tomorrow about order V-1.' });
    expect(reply.status).toBe(201);
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 3600 });
  });
  afterAll(async () => kept?.close());

  it('has every part to compare: messages both ways, commitments, notes, risk signals and documents', async () => {
    const view = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    expect(view.kind).toBe('claim');
    expect(new Set(view.messages.map((message: { direction: string }) => message.direction))).toEqual(new Set(['in', 'out']));
    expect(view.commitments.length).toBeGreaterThan(1);
    expect(view.notes.length).toBeGreaterThan(0);
    expect(view.risk.signals.length).toBeGreaterThan(0);
    expect(view.documents.length).toBeGreaterThan(0);
  });

  it('returns the same JSON as the part-by-part read, byte for byte', async () => {
    const response = await kept.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(JSON.stringify(await readCasePartByPart(kept, caseId)));
  });

  it('shows every write in the next read, even one no feature announced', async () => {
    const read = async () => (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    const before = await read();
    await read();
    const other = (await kept.api('POST', '/api/v1/agents', { name: 'Ida', email: 'ida@kept.test', role: 'manager', password: 'correct horse battery' })).body;
    await kept.api('POST', `/api/v1/cases/${caseId}/assign`, { owner_id: other.id });
    expect((await read()).owner_id).toBe(other.id);
    await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: agentId, body: 'Ida here: your refund for V-1 is on its way.' });
    expect((await read()).messages.map((message: { body: string }) => message.body)).toContain('Ida here: your refund for V-1 is on its way.');
    // Straight into the store, as another part of Kept might write, with no event on the bus.
    const commitment = before.commitments[0];
    await kept.store.db.updateTable('commitments').set({ state: 'waived', waived_reason: 'written straight in the store' }).where('id', '=', commitment.id).execute();
    expect((await read()).commitments.find((item: { id: string }) => item.id === commitment.id)).toMatchObject({ state: 'waived', waived_reason: 'written straight in the store' });
    const response = await kept.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.body).toBe(JSON.stringify(await readCasePartByPart(kept, caseId)));
  });

  it('writes stored JSON as JavaScript would, even numbers and keys the database prints otherwise', async () => {
    const { commitments } = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    // jsonb prints 1e-7 as 0.0000001 and orders keys by length; a JavaScript object puts integer keys first.
    const details = '{"b": [1.5, 1e21, -0.25], "10": 1e-7, "9": "a, \\"quoted\\": b", "nested": {"x y": null, "2": true}}';
    await sql`update commitments set details = ${details}::jsonb where id = ${commitments[0].id}`.execute(kept.store.db);
    const response = await kept.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.body).toBe(JSON.stringify(await readCasePartByPart(kept, caseId)));
    expect(JSON.parse(response.body).commitments[0].details).toEqual({ 9: 'a, "quoted": b', 10: 1e-7, b: [1.5, 1e21, -0.25], nested: { 2: true, 'x y': null } });
  });

  it('answers 404 for a case that does not exist', async () => {
    expect((await kept.api('GET', '/api/v1/cases/cas_nope')).status).toBe(404);
  });
});
