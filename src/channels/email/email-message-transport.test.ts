import { describe, expect, it } from 'vitest';
import { createEmailMessageTransport, textToHtml } from './email-message-transport.js';
import { createCaptureTransport } from './mail-transport.js';
import { parseEmail } from './parse-email.js';

describe('email transport for the outbox', () => {
  it('writes our Message-ID from the outbox id, the thread headers, the case token, and text and HTML parts', async () => {
    const mail = createCaptureTransport();
    const transport = createEmailMessageTransport({
      mail,
      name: 'smtp',
      from: 'Shop <support@shop.example>',
      messageIdDomain: 'mail.shop.example',
      threadFor: async () => ({ inReplyTo: 'second@example.com', references: ['first@example.com', 'second@example.com'] }),
    });
    const result = await transport.send({
      outboxId: 'out_42',
      channel: 'email',
      to: 'ana@example.com',
      subject: 'Re: Parcel',
      body: 'It ships <today>.\n\nBea',
      html: null,
      caseToken: 'K-7',
      inReplyTo: null,
    });
    expect(result.externalId).toBe('out_42@mail.shop.example');
    const parsed = await parseEmail(mail.captured[0]!.raw);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.email.messageId).toBe('out_42@mail.shop.example');
    expect(parsed.email.inReplyTo).toEqual(['second@example.com']);
    expect(parsed.email.references).toEqual(['first@example.com', 'second@example.com']);
    expect(parsed.email.subject).toBe('Re: Parcel [K-7]');
    expect(parsed.email.text).toContain('It ships <today>.');
    expect(parsed.email.html).toContain('It ships &lt;today&gt;.');
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(textToHtml('a & b\nc\n\nd')).toContain('<p>a &amp; b<br>c</p>\n<p>d</p>');
  });
});
