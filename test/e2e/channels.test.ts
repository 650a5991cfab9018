// Every channel into one case: the contact form, social DMs, SMS, phone calls, and the hand-off from a
// social DM to email (crack C5) — on the embedded store and on PostgreSQL.
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSha256, twilioSignature } from '../../src/channels/signed-webhook.js';
import { startTestRelay, type TestRelay } from '../helpers/mail-relay.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const socialSecret = 'social-secret-for-tests-0123456789';
const twilioToken = 'twilio-auth-token-for-tests';
process.env['KEPT_SOCIAL_SECRET'] = socialSecret;
process.env['KEPT_TWILIO_AUTH_TOKEN'] = twilioToken;

describe.each(storeKinds)('channels on %s', (storeKind) => {
  let kept: TestKept;
  let relay: TestRelay;
  let smtp: Transporter;
  let agentId: string;

  beforeAll(async () => {
    relay = await startTestRelay();
    kept = await createTestKept({ store: storeKind, env: { KEPT_SMTP_URL: relay.url } });
    const { smtpPort } = await kept.channels.start({ smtpPort: 0, smtpHost: '127.0.0.1' });
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Ivo Agent', email: `ivo-${storeKind}@shop.example`, role: 'agent', password: 'a long password 123' })).body.id;
  }, 180_000);

  afterAll(async () => {
    smtp?.close();
    await kept?.close();
    await relay?.close();
  });

  async function customerId(query: string): Promise<string | undefined> {
    return (await kept.api('GET', `/api/v1/customers?${query}`)).body.items[0]?.id;
  }

  async function casesOf(query: string) {
    const id = await customerId(query);
    if (!id) return [];
    const list = await kept.api('GET', `/api/v1/cases?customer_id=${id}`);
    return Promise.all(list.body.items.map(async (item: { id: string }) => (await kept.api('GET', `/api/v1/cases/${item.id}`)).body));
  }

  function postSocial(body: unknown, signature?: string) {
    const payload = JSON.stringify(body);
    return kept.app.inject({
      method: 'POST',
      url: '/api/v1/channels/social/webhook',
      headers: { 'content-type': 'application/json', 'x-kept-signature': signature ?? signSha256(socialSecret, payload) },
      payload,
    });
  }

  function postSms(params: Record<string, string>, signature?: string) {
    const url = 'http://localhost:3000/api/v1/channels/sms/twilio';
    return kept.app.inject({
      method: 'POST',
      url: '/api/v1/channels/sms/twilio',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilioSignature({ authToken: twilioToken, url, params }) },
      payload: new URLSearchParams(params).toString(),
    });
  }

  it('the contact page is served, light and public, with an embeddable snippet', async () => {
    const page = await kept.app.inject({ method: 'GET', url: '/contact' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('name="message"');
    expect(page.body).toContain('name="website"');
    expect(page.body.length).toBeLessThan(8_000);
    const snippet = await kept.app.inject({ method: 'GET', url: '/contact/embed.js' });
    expect(snippet.headers['content-type']).toContain('javascript');
    expect(snippet.body).toContain('/contact?embed=1');
  });

  it('a contact form submission opens a case on channel web_form; a filled honeypot stores nothing', async () => {
    const form = (fields: Record<string, string>, ip: string) =>
      kept.app.inject({ method: 'POST', url: '/contact', remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
    const sent = await form({ name: 'Jon', email: 'jon@example.com', subject: 'Refund', message: 'I was charged twice.' }, '10.1.0.1');
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Thank you');
    const [caseView] = await casesOf('email=jon@example.com');
    expect(caseView.channels).toEqual(['web_form']);
    expect(caseView.messages[0]).toMatchObject({ direction: 'in', channel: 'web_form', body: 'I was charged twice.' });

    const robot = await form({ name: 'Bot', email: 'bot@example.com', message: 'Cheap pills', website: 'http://spam.example' }, '10.1.0.2');
    expect(robot.statusCode).toBe(200);
    expect(robot.body).toContain('Thank you');
    expect(await customerId('email=bot@example.com')).toBeUndefined();
  });

  it('the contact form is rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await kept.app.inject({
        method: 'POST',
        url: '/contact',
        remoteAddress: '10.2.0.1',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: `flood${i}@example.com`, message: `message ${i}` }),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const other = await kept.app.inject({
      method: 'POST',
      url: '/contact',
      remoteAddress: '10.2.0.2',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'calm@example.com', message: 'hello' }),
    });
    expect(other.statusCode).toBe(202);
  });

  it('the social webhook takes signed messages, refuses bad signatures, and a reply goes back on social', async () => {
    const message = { network: 'twitter', handle: '@kim', message_id: 'dm-1', text: 'My order never came, help!' };
    expect((await postSocial(message, 'sha256=00')).statusCode).toBe(401);
    expect((await postSocial(message, signSha256('wrong secret', JSON.stringify(message)))).statusCode).toBe(401);
    expect(await customerId('handle=twitter:@kim')).toBeUndefined();
    const good = await postSocial(message);
    expect(good.statusCode).toBe(202);
    expect(good.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect((await postSocial(message)).json()).toEqual({ accepted: 0, duplicates: 1 });
    const [caseView] = await casesOf('handle=twitter:@kim');
    expect(caseView.messages[0]).toMatchObject({ channel: 'social', body: 'My order never came, help!' });

    const reply = await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'Sorry, Kim, we are on it.' });
    expect(reply.status).toBe(201);
    const outbox = (await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`)).body;
    expect((outbox.items ?? outbox)[0]).toMatchObject({ channel: 'social', to: 'twitter:@kim', status: 'sent' });
  });

  it('the SMS webhook checks the Twilio signature; a good one opens a case and a reply goes out by SMS', async () => {
    const params = { MessageSid: 'SM123', From: '+15551230000', To: '+15559990000', Body: 'Is my order A-77 shipped?' };
    expect((await postSms(params, 'bm90IGEgc2lnbmF0dXJl')).statusCode).toBe(401);
    expect((await postSms({ ...params, Body: 'tampered' }, twilioSignature({ authToken: twilioToken, url: 'http://localhost:3000/api/v1/channels/sms/twilio', params }))).statusCode).toBe(401);
    const good = await postSms(params);
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('<Response>');
    const [caseView] = await casesOf('phone=%2B15551230000');
    expect(caseView.messages[0]).toMatchObject({ channel: 'sms', body: 'Is my order A-77 shipped?' });
    await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'Yes, it shipped today.' });
    const outbox = (await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`)).body;
    expect((outbox.items ?? outbox)[0]).toMatchObject({ channel: 'sms', to: '+15551230000', status: 'sent' });
  });

  it('an agent logs calls on a case, in and out, through the events pipeline', async () => {
    const [caseView] = await casesOf('email=jon@example.com');
    const inbound = await kept.api('POST', `/api/v1/cases/${caseView.id}/calls`, { direction: 'inbound', summary: 'Jon called: still charged twice.' });
    expect(inbound.status).toBe(201);
    const outbound = await kept.api('POST', `/api/v1/cases/${caseView.id}/calls`, { direction: 'outbound', summary: 'Called Jon back: refund started.' });
    expect(outbound.status).toBe(201);
    const after = (await kept.api('GET', `/api/v1/cases/${caseView.id}`)).body;
    const calls = after.messages.filter((m: { channel: string }) => m.channel === 'phone');
    expect(calls.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ['in', 'Jon called: still charged twice.'],
      ['out', 'Called Jon back: refund started.'],
    ]);
    expect((await kept.api('POST', `/api/v1/cases/${caseView.id}/calls`, { direction: 'sideways', summary: 'x' })).status).toBe(400);
  });

  it('hand-off (C5): a customer moves from a social DM to email; the case, its owner and its open commitments continue', async () => {
    await kept.api('POST', '/api/v1/events', {
      id: `order-lia-${storeKind}`,
      type: 'order.placed',
      occurred_at: '2026-12-01T08:00:00Z',
      customer: { email: 'lia@example.com', handle: { network: 'instagram', id: '@lia' }, name: 'Lia' },
      order: { id: 'B-5001' },
    });
    await postSocial({ network: 'instagram', handle: '@lia', message_id: 'ig-1', text: 'Where is order B-5001? Nobody answers.' });
    const [opened] = await casesOf('email=lia@example.com');
    expect(opened.channels).toEqual(['social']);
    await kept.api('POST', `/api/v1/cases/${opened.id}/assign`, { owner_id: agentId });
    await kept.api('POST', `/api/v1/cases/${opened.id}/replies`, { author_id: agentId, body: 'Please email us the details so we can help.' });
    const before = (await kept.api('GET', `/api/v1/cases/${opened.id}`)).body;
    const openBefore = before.commitments.filter((c: { state: string }) => c.state === 'open').map((c: { id: string }) => c.id);

    await smtp.sendMail({ from: 'Lia <lia@example.com>', to: 'support@kept.local', subject: 'Order B-5001 as asked', text: 'Here are the details you asked for on Instagram.' });
    const cases = await casesOf('email=lia@example.com');
    expect(cases).toHaveLength(1);
    const after = cases[0];
    expect(after.id).toBe(opened.id);
    expect(after.owner_id).toBe(agentId);
    expect(after.channels).toEqual(expect.arrayContaining(['social', 'email']));
    expect(after.messages.at(-1)).toMatchObject({ channel: 'email', direction: 'in' });
    for (const id of openBefore) expect(after.commitments.map((c: { id: string }) => c.id)).toContain(id);

    // The next reply goes out on the channel the customer used last: email, through the relay.
    const reply = await kept.api('POST', `/api/v1/cases/${after.id}/replies`, { author_id: agentId, body: 'Thanks, Lia. Your parcel is on its way.' });
    expect(reply.status).toBe(201);
    const sentReply = relay.received.find((r) => r.email.messageId === `${reply.body.outbox_id}@kept.local`)!.email;
    expect(sentReply.to[0]!.address).toBe('lia@example.com');
    expect(sentReply.subject).toContain(`[${after.token}]`);
  });

  it('a send the relay refuses is retried with backoff when time passes; a final failure is recorded on the case', async () => {
    await smtp.sendMail({ from: 'max@example.com', to: 'support@kept.local', subject: 'Question', text: 'When do you open?' });
    const [caseView] = await casesOf('email=max@example.com');
    relay.refuseNext(2);
    const first = await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'We open at nine.' });
    const entryOf = async (id: string) => ((await kept.api('GET', `/api/v1/outbox?case_id=${caseView.id}`)).body.items ?? []).find((o: { id: string }) => o.id === id);
    expect(await entryOf(first.body.outbox_id)).toMatchObject({ status: 'queued', attempts: 1 });
    // Acknowledgements share the relay, so which send meets the second refusal depends on their order.
    for (let hour = 0; hour < 3 && (await entryOf(first.body.outbox_id)).status !== 'sent'; hour += 1) await kept.api('POST', '/api/v1/clock', { advance_seconds: 3600 });
    const delivered = await entryOf(first.body.outbox_id);
    expect(delivered.status).toBe('sent');
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);
    expect(relay.received.find((r) => r.email.messageId === `${first.body.outbox_id}@kept.local`)?.email.text).toContain('We open at nine.');

    relay.refuseNext(100);
    const second = await kept.api('POST', `/api/v1/cases/${caseView.id}/replies`, { author_id: agentId, body: 'And we close at six.' });
    for (let day = 0; day < 5; day += 1) await kept.api('POST', '/api/v1/clock', { advance_seconds: 86_400 });
    expect(await entryOf(second.body.outbox_id)).toMatchObject({ status: 'failed' });
    const after = (await kept.api('GET', `/api/v1/cases/${caseView.id}`)).body;
    expect(after.messages.find((m: { id: string }) => m.id === second.body.message.id).status).toBe('failed');
    relay.refuseNext(0);
  });
});
