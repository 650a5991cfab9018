// Two stories of mail that must not be lost, on both stores: a bounce from an address-less MAILER-DAEMON
// makes what our failed message "kept" owed again, and a photo a customer emailed becomes the claim
// document it was asked for.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../../src/channels/email/fixtures/${name}`, import.meta.url), 'latin1');

interface CommitmentView {
  id: string;
  kind: string;
  state: string;
  fulfilled_by: string | null;
}

describe.each(storeKinds)('bounces and emailed documents on %s', (storeKind) => {
  let kept: TestKept;
  let agentId = '';
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Rosa', email: `rosa-${storeKind}@kept.test`, role: 'agent', password: 'a long password 123' })).body.id;
  }, 180_000);
  afterAll(async () => kept?.close());

  const post = (raw: string) =>
    kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' }, payload: Buffer.from(raw, 'latin1') });
  const caseOf = async (email: string) => {
    const customer = (await kept.api('GET', `/api/v1/customers?email=${encodeURIComponent(email)}`)).body.items[0];
    const [first] = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
    return (await kept.api('GET', `/api/v1/cases/${first.id}`)).body;
  };
  const commitmentsOf = async (caseId: string) => (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}`)).body.items as CommitmentView[];
  /** The fixture's address-less MAILER-DAEMON bounce, returning our message `messageId`. */
  const bounceOf = (messageId: string, n: number) => fixture('bounce-mailer-daemon-no-address.eml').replace('out_779@mail.shop.example', messageId).replace('<20261124140000.7F1@', `<bounce-${n}@`);

  it('a bounced reply reopens the commitment it kept; a bounced acknowledgement past its deadline is breached', async () => {
    await post('From: Hugo <hugo@mailbox.example>\r\nTo: support@kept.local\r\nSubject: Parcel?\r\nMessage-ID: <hugo-1@mailbox.example>\r\n\r\nWhere is my parcel?\r\n');
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 60 });
    const caseView = await caseOf('hugo@mailbox.example');
    const ack = (await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`)).body.items.find((o: { origin: string }) => o.origin === 'acknowledgement');
    const keptByAck = (await commitmentsOf(caseView.id)).find((c) => c.kind === 'acknowledge' && c.state === 'kept')!;
    expect(keptByAck).toBeDefined();

    const reply = await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'It left our warehouse this morning.' });
    expect(reply.status).toBe(201);
    const keptByReply = (await commitmentsOf(caseView.id)).filter((c) => c.fulfilled_by === reply.body.message.id);
    expect(keptByReply.map((c) => c.state)).toEqual(['kept']);

    expect((await post(bounceOf(`${reply.body.outbox_id}@kept.local`, 1))).statusCode).toBe(202);
    const afterReplyBounce = await commitmentsOf(caseView.id);
    expect(afterReplyBounce.find((c) => c.id === keptByReply[0]!.id)).toMatchObject({ state: 'open', fulfilled_by: null });
    const bounced = (await kept.api('GET', `/api/v1/cases/${caseView.id}`)).body;
    expect(bounced.messages.find((m: { id: string }) => m.id === reply.body.message.id).status).toBe('failed');
    expect(bounced.messages.at(-1)).toMatchObject({ noise: 'bounce', author_kind: 'automatic' });

    // Days later the acknowledgement bounces too: its deadline is long past, so it is owed and breached.
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 2 * 24 * 3600 });
    await post(bounceOf(`${ack.id}@kept.local`, 2));
    expect((await commitmentsOf(caseView.id)).find((c) => c.id === keptByAck.id)).toMatchObject({ state: 'breached', fulfilled_by: null });
    // Nothing else moved: a bounce of a message that kept nothing reopens nothing.
    const states = (await commitmentsOf(caseView.id)).map((c) => `${c.id}:${c.state}`).sort();
    await post(bounceOf(`${ack.id}@kept.local`, 3));
    expect((await commitmentsOf(caseView.id)).map((c) => `${c.id}:${c.state}`).sort()).toEqual(states);
  });

  it('a bounced order notice reopens its notify commitment, and the notice goes out by SMS instead', async () => {
    const now = (await kept.api('GET', '/api/v1/clock')).body.now as string;
    const customer = { email: 'nina@mailbox.example', phone: '+15551230001', name: 'Nina' };
    await kept.api('POST', '/api/v1/events', {
      events: [
        { id: 'bn-placed', type: 'order.placed', occurred_at: now, customer, order: { id: 'B-1', total: { amount: '40.00', currency: 'EUR' }, payment: { method: 'card', last4: '4242' } } },
        { id: 'bn-cancelled', type: 'order.cancelled', occurred_at: now, customer, order: { id: 'B-1' }, data: { reason: 'payment_verification_failed' } },
      ],
    });
    // Nobody writes: at risk, Kept sends the notice by email itself, and that keeps the notify commitment.
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 11 * 60 });
    const nina = (await kept.api('GET', '/api/v1/customers?email=nina@mailbox.example')).body.items[0];
    const outbox = async () => (await kept.api('GET', `/api/v1/outbox?customer_id=${nina.id}`)).body.items as { id: string; channel: string; to: string; origin: string; status: string }[];
    const notice = (await outbox()).find((o) => o.channel === 'email' && o.origin === 'fallback')!;
    expect(notice.status).toBe('sent');
    const notify = async () => ((await kept.api('GET', `/api/v1/commitments?customer_id=${nina.id}&kind=notify`)).body.items as CommitmentView[])[0]!;
    const keptByEmail = await notify();
    expect(keptByEmail.state).toBe('kept');

    // The notice bounces: the commitment is owed again, the notice goes out by SMS, and that SMS keeps it.
    await post(bounceOf(`${notice.id}@kept.local`, 4));
    expect((await outbox()).find((o) => o.id === notice.id)?.status).toBe('failed');
    const sms = (await outbox()).filter((o) => o.channel === 'sms');
    expect(sms.map((o) => ({ to: o.to, origin: o.origin, status: o.status }))).toEqual([{ to: '+15551230001', origin: 'fallback', status: 'sent' }]);
    const keptBySms = await notify();
    expect(keptBySms.state).toBe('kept');
    expect(keptBySms.fulfilled_by).not.toBe(keptByEmail.fulfilled_by);
  });

  it("an agent accepts a photo the customer emailed as the claim's requested photos: received, commitment kept", async () => {
    const photo = fixture('attachment-only-image.eml')
      .replace(/tom\.becker@phone\.mailer\.example/g, 'ivo@mailbox.example')
      .replace('Subject:', 'Subject: Broken lamp');
    await post(photo);
    const inquiry = await caseOf('ivo@mailbox.example');
    const attachmentId = inquiry.attachments[0].id;
    const claimCase = (await kept.api('POST', `/api/v1/cases/${inquiry.id}/claims`, { type: 'damage' })).body;
    const document = claimCase.documents.find((d: { kind: string }) => d.kind === 'photos');
    expect(document.state).toBe('requested');

    const url = `/api/v1/cases/${claimCase.id}/documents/${document.id}/attachment`;
    const accepted = await kept.api('POST', url, { attachment_id: attachmentId });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: document.id, state: 'received' });
    const commitment = (await commitmentsOf(claimCase.id)).find((c) => c.fulfilled_by === `document:${document.id}`);
    expect(commitment).toMatchObject({ kind: 'document', state: 'kept' });
    expect((await kept.api('POST', url, { attachment_id: attachmentId })).status).toBe(409);
  });

  it("refuses another customer's file for a claim, naming the field", async () => {
    await post(fixture('attachment-invoice-pdf.eml'));
    const stranger = (await caseOf('jonas.weber@vendor-mail.example')).attachments[0].id;
    await post('From: Vera <vera@mailbox.example>\r\nTo: support@kept.local\r\nSubject: Damaged\r\nMessage-ID: <vera-1@mailbox.example>\r\n\r\nThe box was crushed.\r\n');
    const claimCase = (await kept.api('POST', `/api/v1/cases/${(await caseOf('vera@mailbox.example')).id}/claims`, { type: 'damage' })).body;
    const document = claimCase.documents[0];
    const refused = await kept.api('POST', `/api/v1/cases/${claimCase.id}/documents/${document.id}/attachment`, { attachment_id: stranger });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('attachment_id');
  });
});
