// Crack C6, lost paperwork: a lost gift becomes a claim with a tracked declaration, signed online by the
// buyer, recorded with its time, settled by a refund — and the gift's recipient never hears a word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, testStart, type TestKept } from '../helpers/test-app.js';
import { actionsOf } from './commitment-helpers.js';

const buyer = 'ben.buyer@example.com';
const recipient = 'rita.recipient@example.com';
const hour = 3600;

function formPost(kept: TestKept, url: string, fields: Record<string, string>) {
  return kept.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
}

describe.each(storeKinds)('a lost gift on %s', (storeKind) => {
  let kept: TestKept;
  let caseId = '';
  let formUrl = '';
  let customerId = '';

  const outbox = async () =>
    (await kept.api('GET', '/api/v1/outbox?limit=200')).body.items as { id: string; to: string; subject: string; body: string; status: string; case_id: string | null; origin: string }[];

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
  });
  afterAll(async () => kept?.close());

  it('opens a claim, tells the buyer and requests the declaration by link', async () => {
    const placed = await kept.api('POST', '/api/v1/events', {
      id: 'shop-gift-1',
      type: 'order.placed',
      occurred_at: testStart.toISOString(),
      customer: { email: buyer, name: 'Ben Buyer' },
      order: {
        id: 'A-2001',
        total: { amount: '59.00', currency: 'USD' },
        payment: { method: 'card', last4: '4242' },
        ship_to: { name: 'Rita Recipient', address: '1 Elm St, Springfield', is_gift: true, recipient_email: recipient },
      },
    });
    expect(placed.status).toBe(202);
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 48 * hour });
    const exception = await kept.api('POST', '/api/v1/events', {
      id: 'carrier-exc-1',
      type: 'order.delivery_exception',
      occurred_at: new Date(testStart.getTime() + 48 * hour * 1000).toISOString(),
      order: { id: 'A-2001' },
      data: { reason: 'lost_in_transit' },
    });
    expect(exception.status).toBe(202);

    customerId = (await kept.api('GET', `/api/v1/customers?email=${encodeURIComponent(buyer)}`)).body.items[0].id;
    const cases = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items as { id: string }[];
    const views = await Promise.all(cases.map(async (item) => (await kept.api('GET', `/api/v1/cases/${item.id}`)).body));
    const claim = views.find((view) => view.kind === 'claim');
    expect(claim).toBeDefined();
    caseId = claim.id;
    expect(claim.order_number).toBe('A-2001');
    expect(claim.documents).toEqual([expect.objectContaining({ kind: 'declaration', state: 'requested', requested_at: kept.clock.now().toISOString(), received_at: null })]);

    // One event, one message: the claim notice carries the declaration's link, and it left as the exception's
    // transaction committed (no sweep waited for).
    const sent = await outbox();
    expect(sent.map((entry) => [entry.origin, entry.to, entry.status])).toEqual([['claim_opened', buyer, 'sent']]);
    const told = sent[0]!;
    expect(told.case_id).toBe(caseId);
    expect(told.body).toContain('A-2001');
    expect(told.body).toContain('a signed declaration of non-delivery');
    const link = /http\S+\/forms\/([A-Za-z0-9_-]{16,})/.exec(told.body);
    expect(link).not.toBeNull();
    formUrl = `/forms/${link![1]}`;
    // That notice told the buyer of the order's change: the notify commitment is kept, its fallback never sent.
    const notify = (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=notify`)).body.items;
    expect(notify).toEqual([expect.objectContaining({ state: 'kept', kept_late: false })]);
  });

  it('chases the declaration after a week through the document commitment', async () => {
    const view = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    const documentCommitment = view.commitments.find((commitment: { kind: string }) => commitment.kind === 'document');
    expect(documentCommitment).toMatchObject({ state: 'open' });
    const before = (await outbox()).length;
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 7 * 24 * hour });
    // The at-risk timer sends exactly one message: the reminder (not also the reason's "lost on its way").
    const after = await outbox();
    expect(after.slice(0, after.length - before).map((entry) => [entry.origin, entry.to, entry.status])).toEqual([['claim_document_reminder', buyer, 'sent']]);
    const reminder = after.find((entry) => entry.origin === 'claim_document_reminder');
    expect(reminder?.body).toContain(formUrl);
    // …and the action log says the same: one send_fallback, which queued that very reminder; the week ran out
    // too, and its breach escalated and flagged the case without writing to the buyer.
    const actions = await actionsOf(kept, documentCommitment.id);
    expect(actions.map((entry) => entry.action)).toEqual(['send_fallback', 'escalate', 'flag']);
    expect(actions[0]!.result).toMatchObject({ status: 'queued', outboxId: reminder?.id });
  });

  it('takes the declaration through its form: errors first, then received with its time, then only once', async () => {
    const page = await kept.app.inject({ method: 'GET', url: formUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Declaration of non-delivery');
    expect(page.body).toContain('A-2001');

    const invalid = await formPost(kept, formUrl, { full_name: 'Ben Buyer', address: '', date_noticed: '2026-13-40', statement: 'It never came.', signature: 'B. Buyer' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('The delivery address is required');
    expect(invalid.body).toContain('The date you noticed must be a date');
    expect(invalid.body).toContain('Your signature must be your full name');
    expect(invalid.body).toContain('Please tick the box');
    expect(invalid.body).toContain('value="Ben Buyer"');
    expect((await kept.api('GET', `/api/v1/cases/${caseId}`)).body.documents[0].state).toBe('requested');

    await kept.api('POST', '/api/v1/clock', { advance_seconds: 2 * hour });
    const receivedAt = kept.clock.now().toISOString();
    const valid = { full_name: 'Ben Buyer', address: '1 Elm St, Springfield', date_noticed: '2026-12-03', statement: 'The parcel never reached my sister.', signature: 'ben buyer', consent: 'yes' };
    const accepted = await formPost(kept, formUrl, valid);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('Declaration received');
    expect(accepted.body).toContain('The parcel never reached my sister.');

    const again = await formPost(kept, formUrl, { ...valid, statement: 'A second, different story.' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already sent');
    expect(again.body).toContain('The parcel never reached my sister.');
    expect(again.body).not.toContain('A second, different story.');
    const reopened = await kept.app.inject({ method: 'GET', url: formUrl });
    expect(reopened.body).toContain('Declaration received');

    const view = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    expect(view.documents).toEqual([expect.objectContaining({ kind: 'declaration', state: 'received', received_at: receivedAt })]);
    const documentCommitment = view.commitments.find((commitment: { kind: string }) => commitment.kind === 'document');
    expect(documentCommitment).toMatchObject({ state: 'kept', fulfilled_by: `document:${view.documents[0].id}`, kept_late: true });

    const decided = await kept.api('POST', `/api/v1/cases/${caseId}/documents/${view.documents[0].id}/accept`, { note: 'Signed and complete' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ state: 'accepted', decision_note: 'Signed and complete' });
    expect((await kept.api('POST', `/api/v1/cases/${caseId}/documents/${view.documents[0].id}/reject`, {})).status).toBe(409);
  });

  it('issues the refund as an event and tells the buyer', async () => {
    const resolved = await kept.api('POST', `/api/v1/cases/${caseId}/claims/resolve`, { option: 'refund' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.amount).toEqual({ amount_minor: 5900, currency: 'USD' });
    const order = (await kept.api('GET', '/api/v1/orders/A-2001')).body;
    expect(order.state).toBe('refunded');
    const notice = (await outbox()).find((entry) => entry.origin === 'claim_resolution');
    expect(notice).toMatchObject({ to: buyer, status: 'sent' });
    expect(notice?.body).toContain('refund of $59.00');
    expect((await kept.api('POST', `/api/v1/cases/${caseId}/claims/resolve`, { option: 'refund' })).status).toBe(409);
  });

  it('never sent anything to the gift recipient', async () => {
    const everything = await outbox();
    // The claim notice (with the declaration's link), one reminder, the refund notice: each once, all to the buyer.
    expect(everything.map((entry) => entry.origin).sort()).toEqual(['claim_document_reminder', 'claim_opened', 'claim_resolution']);
    expect(new Set(everything.map((entry) => entry.body)).size).toBe(everything.length);
    expect(everything.filter((entry) => entry.to.toLowerCase() === recipient)).toEqual([]);
    expect(everything.every((entry) => !entry.body.includes(recipient))).toBe(true);
  });
});

describe('a damaged parcel', () => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
  });
  afterAll(async () => kept?.close());

  it('asks for photos and takes only images within the limits', async () => {
    await kept.api('POST', '/api/v1/events', {
      id: 'shop-dmg-1',
      type: 'contact.received',
      occurred_at: testStart.toISOString(),
      customer: { email: 'cara@example.com' },
      order: { id: 'B-7', total: { amount: 20, currency: 'EUR' } },
      data: { channel: 'web_form', text: 'My vase arrived in pieces' },
    });
    const customerId = (await kept.api('GET', '/api/v1/customers?email=cara%40example.com')).body.items[0].id;
    const source = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0];
    const opened = await kept.api('POST', `/api/v1/cases/${source.id}/claims`, { type: 'damage' });
    expect(opened.status).toBe(201);
    expect(opened.body.kind).toBe('claim');
    expect(opened.body.documents).toEqual([expect.objectContaining({ kind: 'photos', state: 'requested' })]);
    const sentForClaim = (await kept.api('GET', `/api/v1/outbox?case_id=${opened.body.id}`)).body.items as { origin: string; status: string; body: string }[];
    expect(sentForClaim.map((entry) => [entry.origin, entry.status])).toEqual([['claim_opened', 'sent']]);
    const request = sentForClaim[0]!;
    expect(request.body).toContain('photos of the damage');
    const url = `/forms/${/\/forms\/([A-Za-z0-9_-]+)/.exec(request.body)![1]}`;

    // A JPEG as its bytes say: the start-of-image marker and an APP0 segment, then the picture.
    const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
    const upload = (file: { name: string; type: string; bytes: Buffer }) => {
      const boundary = '----kept-test-boundary';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
        file.bytes,
        Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nBox crushed on one side\r\n--${boundary}--\r\n`),
      ]);
      return kept.app.inject({ method: 'POST', url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    };
    const wrongType = await upload({ name: 'notes.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4') });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.body).toContain('Only JPEG, PNG, HEIC photos are accepted');
    // A page of script sent as a photo is refused by its bytes, whatever type the client claims.
    const disguised = await upload({ name: 'vase.jpg', type: 'image/jpeg', bytes: Buffer.from('<html><script>alert(document.cookie)</script></html>') });
    expect(disguised.statusCode).toBe(422);
    expect(disguised.body).toContain('Only JPEG, PNG, HEIC photos are accepted');
    const tooLarge = await upload({ name: 'huge.jpg', type: 'image/jpeg', bytes: jpeg(5 * 1024 * 1024 + 10) });
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.body).toContain('at most 5 MB');
    const good = await upload({ name: 'vase.jpg', type: 'application/octet-stream', bytes: jpeg(2048) });
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('vase.jpg');
    expect((await upload({ name: 'again.jpg', type: 'image/jpeg', bytes: jpeg(10) })).statusCode).toBe(409);
    const view = (await kept.api('GET', `/api/v1/cases/${opened.body.id}`)).body;
    expect(view.documents[0]).toMatchObject({ state: 'received', received_at: testStart.toISOString() });
  });
});
