// Email end to end: real SMTP from a mail client into Kept's intake, threading, loop protection, bounces,
// the quarantine, and replies out through a real relay — on the embedded store and on PostgreSQL.
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, adminToken, type TestKept } from '../helpers/test-app.js';
import { startTestRelay, type TestRelay } from '../helpers/mail-relay.js';
import { storeKinds } from '../helpers/stores.js';

describe.each(storeKinds)('email channel on %s', (storeKind) => {
  let kept: TestKept;
  let relay: TestRelay;
  let smtp: Transporter;
  let agentId: string;

  beforeAll(async () => {
    relay = await startTestRelay();
    kept = await createTestKept({ store: storeKind, env: { KEPT_SMTP_URL: relay.url } });
    const { smtpPort } = await kept.channels.start({ smtpPort: 0, smtpHost: '127.0.0.1' });
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const agent = await kept.api('POST', '/api/v1/agents', { name: 'Bea Agent', email: `bea-${storeKind}@shop.example`, role: 'agent', password: 'a long password 123' });
    agentId = agent.body.id;
  }, 180_000);

  afterAll(async () => {
    smtp?.close();
    await kept?.close();
    await relay?.close();
  });

  async function casesOf(email: string) {
    const found = await kept.api('GET', `/api/v1/customers?email=${encodeURIComponent(email)}`);
    const customer = found.body.items[0];
    if (!customer) return [];
    const list = await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`);
    return Promise.all(list.body.items.map(async (item: { id: string }) => (await kept.api('GET', `/api/v1/cases/${item.id}`)).body));
  }

  it('a message sent over SMTP opens a case with the message on it', async () => {
    await smtp.sendMail({
      from: 'Ana Silva <ana@example.com>',
      to: 'support@kept.local',
      subject: 'Where is my parcel?',
      text: 'Hello,\nmy parcel has not arrived.\n\nAna',
      messageId: '<first-ana@example.com>',
    });
    const cases = await casesOf('ana@example.com');
    expect(cases).toHaveLength(1);
    expect(cases[0].channels).toEqual(['email']);
    const inbound = cases[0].messages.filter((m: { direction: string }) => m.direction === 'in');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ direction: 'in', channel: 'email', subject: 'Where is my parcel?', noise: null });
    expect(inbound[0].body).toContain('my parcel has not arrived');
  });

  it('a reply by Message-ID threads into the same case, even with a new subject', async () => {
    await smtp.sendMail({
      from: 'ana@example.com',
      to: 'support@kept.local',
      subject: 'something else entirely',
      text: 'Any news?',
      inReplyTo: '<first-ana@example.com>',
      references: ['<first-ana@example.com>'],
    });
    const cases = await casesOf('ana@example.com');
    expect(cases).toHaveLength(1);
    expect(cases[0].messages.map((m: { body: string }) => m.body.trim())).toContain('Any news?');
  });

  it('an agent reply goes out through the relay with our Message-ID, the thread headers and the case token; the answer threads back', async () => {
    const [caseView] = await casesOf('ana@example.com');
    const sent = await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'Your parcel left our warehouse today.' });
    expect(sent.status).toBe(201);
    const out = relay.received.find((r) => r.email.messageId === `${sent.body.outbox_id}@kept.local`)!.email;
    expect(out).toBeDefined();
    expect(out.subject).toContain(`[${caseView.token}]`);
    expect(out.inReplyTo[0]).toBeDefined();
    expect(out.references).toContain('first-ana@example.com');
    expect(out.html).toContain('Your parcel left our warehouse today.');
    expect(out.text).toContain('Your parcel left our warehouse today.');

    await smtp.sendMail({ from: 'ana@example.com', to: 'support@kept.local', subject: `Re: ${out.subject}`, text: 'Thanks!', inReplyTo: `<${out.messageId}>`, references: [`<${out.messageId}>`] });
    const cases = await casesOf('ana@example.com');
    expect(cases).toHaveLength(1);
    expect(cases[0].messages.filter((m: { direction: string }) => m.direction === 'in')).toHaveLength(3);
  });

  it('a [K-n] token in the subject and a plus-address thread into that case, not the newest one', async () => {
    await smtp.sendMail({ from: 'carl@example.com', to: 'support@kept.local', subject: 'Order #A-1001 arrived broken', text: 'The vase of order #A-1001 is broken.' });
    await smtp.sendMail({ from: 'carl@example.com', to: 'support@kept.local', subject: 'Order #A-1002 never came', text: 'Order #A-1002 did not arrive.' });
    const before = await casesOf('carl@example.com');
    expect(before).toHaveLength(2);
    const older = before.find((c: { order_number: string }) => c.order_number === 'A-1001');
    await smtp.sendMail({ from: 'carl@example.com', to: 'support@kept.local', subject: `Photos [${older.token}]`, text: 'Photos attached.' });
    await smtp.sendMail({ from: 'carl@example.com', to: `support+${older.token}@kept.local`, subject: 'One more photo', text: 'Another angle.' });
    const after = await casesOf('carl@example.com');
    expect(after).toHaveLength(2);
    const bodies = after.find((c: { id: string }) => c.id === older.id).messages.map((m: { body: string }) => m.body.trim());
    expect(bodies).toEqual(expect.arrayContaining(['Photos attached.', 'Another angle.']));
  });

  it("a CC'd reply from someone else in the thread lands on the same case", async () => {
    await smtp.sendMail({
      from: 'Dana <dana@example.com>',
      to: 'dana.friend@example.com',
      cc: 'support@kept.local',
      subject: 'Re: Where is my parcel?',
      text: "I am Ana's partner; we are still waiting.",
      inReplyTo: '<first-ana@example.com>',
      references: ['<first-ana@example.com>'],
    });
    const [caseView] = await casesOf('ana@example.com');
    expect(caseView.messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining([expect.stringContaining('still waiting')]));
    const dana = await kept.api('GET', '/api/v1/customers?email=dana@example.com');
    expect(dana.body.items[0].id).toBe(caseView.customer_id);
  });

  it('an auto-reply is stored on the case, opens no new case and gets no acknowledgement', async () => {
    const [caseView] = await casesOf('ana@example.com');
    const outboxBefore = await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`);
    const ours = relay.received.find((r) => r.email.messageId?.startsWith('out_'))!.email.messageId!;
    await smtp.sendMail({
      from: 'ana@example.com',
      to: 'support@kept.local',
      subject: 'Automatic reply: Your parcel',
      text: 'I am out of office until Monday.',
      inReplyTo: `<${ours}>`,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const cases = await casesOf('ana@example.com');
    expect(cases).toHaveLength(1);
    const last = cases[0].messages.at(-1);
    expect(last).toMatchObject({ direction: 'in', noise: 'auto_reply', author_kind: 'automatic' });
    const outboxAfter = await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`);
    expect(outboxAfter.body.items ?? outboxAfter.body).toHaveLength((outboxBefore.body.items ?? outboxBefore.body).length);
  });

  it('a bounce of our message marks that message failed', async () => {
    await smtp.sendMail({ from: 'eve@example.com', to: 'support@kept.local', subject: 'Hello', text: 'Please call me.' });
    const [caseView] = await casesOf('eve@example.com');
    const sent = await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'We will call you tomorrow.' });
    const ourId = `${sent.body.outbox_id}@kept.local`;
    await smtp.sendMail({ envelope: { from: '', to: ['support@kept.local'] }, raw: bounceFor(ourId) });
    const after = (await kept.api('GET', `/api/v1/cases/${caseView.id}`)).body;
    const reply = after.messages.find((m: { id: string }) => m.id === sent.body.message.id);
    expect(reply.status).toBe('failed');
    expect(after.messages.at(-1)).toMatchObject({ noise: 'bounce' });
    const entry = (await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`)).body;
    expect((entry.items ?? entry).find((o: { id: string }) => o.id === sent.body.outbox_id).status).toBe('failed');
  });

  it('our own outbound mail coming back is never ingested', async () => {
    const echo = relay.received[0]!.raw;
    const [before] = await casesOf('ana@example.com');
    const posted = await kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' }, payload: echo });
    expect(posted.statusCode).toBe(202);
    const [after] = await casesOf('ana@example.com');
    expect(after.messages).toHaveLength(before.messages.length);
  });

  it('a message that cannot be parsed goes to quarantine without holding up the next one; an admin sees it and retries it', async () => {
    const post = (payload: string | Buffer) =>
      kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' }, payload });
    const bad = await post('X-Scanner: passed\r\nContent-Type: text/plain\r\n\r\nno sender, no subject, no id\r\n');
    expect(bad.statusCode).toBe(202);
    const good = await post('From: fay@example.com\r\nTo: support@kept.local\r\nSubject: After the broken one\r\nMessage-ID: <fay-1@example.com>\r\n\r\nStill arrives.\r\n');
    expect(good.statusCode).toBe(202);
    expect(await casesOf('fay@example.com')).toHaveLength(1);

    const quarantine = await kept.api('GET', '/api/v1/inbound/quarantine');
    const item = quarantine.body.items.find((q: { id: string }) => q.id === bad.json().id);
    expect(item).toMatchObject({ source: 'http' });
    expect(item.error).toBeTruthy();
    const retried = await kept.api('POST', `/api/v1/inbound/quarantine/${item.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('quarantined');
    expect((await kept.api('POST', '/api/v1/inbound/quarantine/inm_nope/retry')).status).toBe(404);
  });

  it('the same message delivered twice is stored once', async () => {
    const raw = 'From: gus@example.com\r\nTo: support@kept.local\r\nSubject: Twice\r\nMessage-ID: <gus-1@example.com>\r\n\r\nOnce only.\r\n';
    for (let i = 0; i < 2; i += 1) await smtp.sendMail({ envelope: { from: 'gus@example.com', to: ['support@kept.local'] }, raw });
    const [caseView] = await casesOf('gus@example.com');
    expect(caseView.messages.filter((m: { direction: string }) => m.direction === 'in')).toHaveLength(1);
  });

  it('needs the admin token to post raw mail', async () => {
    const response = await kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { 'content-type': 'message/rfc822' }, payload: 'From: x@example.com\r\n\r\nhi' });
    expect(response.statusCode).toBe(401);
  });
});

/** A Postfix-style delivery status notification about one of our messages. */
function bounceFor(messageId: string): string {
  return [
    'From: MAILER-DAEMON@relay.example (Mail Delivery System)',
    'To: support@kept.local',
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Message-ID: <bounce-1@relay.example>',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.example',
    '',
    'Final-Recipient: rfc822; eve@example.com',
    'Action: failed',
    'Status: 5.1.1',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: <${messageId}>`,
    'Subject: Re: Hello',
    '--b1--',
    '',
  ].join('\r\n');
}
