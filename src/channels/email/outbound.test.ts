import { afterEach, describe, expect, it } from 'vitest';
import { buildOutboundEmail, subjectWithToken } from './outbound-email.js';
import { createCaptureTransport, createSmtpTransport } from './mail-transport.js';
import { parseEmail } from './parse-email.js';
import { threadingKeys } from './threading-keys.js';
import { isOwnOutbound } from './classify-mail.js';
import { createSmtpIntake } from './smtp-intake.js';
import type { SmtpIntake } from './smtp-intake.js';
import { createMemorySink } from './fixtures/in-memory-ports.js';

const base = {
  caseToken: 'K-1234',
  from: 'Kept Support <support@shop.example>',
  to: 'ana@example.com',
  messageIdDomain: 'mail.shop.example',
};

describe('buildOutboundEmail', () => {
  it('puts the case token in the subject once, also on a reply that already carries it', () => {
    expect(buildOutboundEmail({ ...base, subject: 'Your order A-1001', text: 'hi' }).subject).toBe('Your order A-1001 [K-1234]');
    expect(subjectWithToken('Re: Your order A-1001 [K-1234]', 'K-1234')).toBe('Re: Your order A-1001 [K-1234]');
    expect(subjectWithToken('Re: [k-1234] Your order', 'K-1234')).toBe('Re: [k-1234] Your order');
  });

  it('threads the reply: own Message-ID, In-Reply-To, References ending with the parent', () => {
    const email = buildOutboundEmail({
      ...base,
      subject: 'Re: Where is my parcel?',
      text: 'It ships today.',
      html: '<p>It ships today.</p>',
      inReplyTo: '<CAF=abc@mail.gmail.com>',
      references: ['<first@example.com>'],
      messageIdLocalPart: 'out_1',
    });
    expect(email.messageId).toBe('out_1@mail.shop.example');
    expect(email.inReplyTo).toBe('CAF=abc@mail.gmail.com');
    expect(email.references).toEqual(['first@example.com', 'CAF=abc@mail.gmail.com']);
  });

  it('marks acknowledgements as automatic so other robots do not answer them', () => {
    const ack = buildOutboundEmail({ ...base, subject: 'We received your message', text: 'ok', automatic: true });
    expect(ack.headers['Auto-Submitted']).toBe('auto-replied');
  });
});

describe('capture transport', () => {
  it('produces real MIME that our own parser threads back to the case and recognises as ours', async () => {
    const transport = createCaptureTransport();
    const email = buildOutboundEmail({
      ...base,
      subject: 'Re: Refund for order A-1001',
      text: 'Your refund is on its way.',
      html: '<p>Your refund is on its way.</p>',
      inReplyTo: 'cust-1@example.com',
      references: ['cust-0@example.com'],
    });
    await transport.send(email);
    const parsed = await parseEmail(transport.captured[0]!.raw);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.email.messageId).toBe(email.messageId);
    expect(parsed.email.text.trim()).toBe('Your refund is on its way.');
    expect(parsed.email.html).toContain('<p>Your refund is on its way.</p>');
    expect(parsed.email.inReplyTo).toEqual(['cust-1@example.com']);
    expect(parsed.email.references).toEqual(['cust-0@example.com', 'cust-1@example.com']);
    expect(threadingKeys(parsed.email, { ourDomains: ['shop.example'] }).caseToken).toBe('K-1234');
    expect(isOwnOutbound(parsed.email, { ourMessageIdDomain: 'mail.shop.example' })).toBe(true);
  });
});

describe('SMTP transport', () => {
  let intake: SmtpIntake | null = null;
  afterEach(async () => {
    await intake?.close();
    intake = null;
  });

  it('delivers through a relay given as a URL', async () => {
    const sink = createMemorySink();
    intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink });
    const { port } = await intake.listen();
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true` });
    const email = buildOutboundEmail({ ...base, subject: 'Hello', text: 'hi' });
    const sent = await transport.send(email);
    expect(sent.accepted).toEqual(['ana@example.com']);
    expect(sink.saved[0]?.raw.toString()).toContain(`Message-ID: <${email.messageId}>`);
    await transport.close?.();
  });
});
