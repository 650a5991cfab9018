// The fixture corpus: messages as Gmail, Outlook, Apple Mail and Thunderbird write them, plus robots and
// broken ones, each with what Kept must read from it.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEmail } from './parse-email.js';
import { threadingKeys } from './threading-keys.js';
import { isOwnOutbound } from './classify-mail.js';
import type { MailKind } from './classify-mail.js';
import { inboundBody } from './inbound-attachments.js';
import { decideInbound } from './inbound-decision.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Expected {
  from?: string;
  subject?: string;
  kind?: MailKind;
  caseToken?: string | null;
  normalisedSubject?: string;
  messageIds?: string[];
  orderNumbers?: string[];
  /** The visible text, exactly. */
  visible?: string;
  /** Text that must have been folded away (quoted history, signature). */
  folded?: string[];
  attachments?: Array<{ filename: string | null; contentType: string; inline?: boolean }>;
  cc?: string[];
  bouncedMessageId?: string | null;
  ownOutbound?: boolean;
  fromName?: string;
  attachmentCount?: number;
  /** The message's text as stored on the case (an attachment-only mail says what it carries). */
  body?: string;
  /** The judged sender's address (Reply-To when From is a robot or malformed), or null for none usable. */
  sender?: string | null;
  acknowledgeable?: boolean;
}

const corpus: Record<string, Expected> = {
  'gmail-new.eml': {
    from: 'ana.lima@gmail.com',
    kind: 'human',
    caseToken: null,
    orderNumbers: ['A-1001'],
    visible: 'Hello,\n\nI ordered a lamp two weeks ago (order #A-1001) and it has not arrived.\n\nThanks,\nAna',
  },
  'gmail-reply.eml': {
    subject: 'Re: Your order A-1001 [K-1234]',
    caseToken: 'K-1234',
    normalisedSubject: 'Your order A-1001',
    messageIds: ['out_100@mail.shop.example'],
    visible: 'It still says "in transit". Can I speak to a manager?',
    folded: ['ships today', 'wrote:'],
  },
  'gmail-reply-cc.eml': {
    from: 'bruno.lima@gmail.com',
    cc: ['support@shop.example'],
    caseToken: 'K-1234',
    messageIds: ['CAJx8Vq+reply-2@mail.gmail.com', 'out_100@mail.shop.example'],
    visible: "I am Ana's husband; the parcel is addressed to me.",
  },
  'gmail-forward.eml': { normalisedSubject: 'Your shipping confirmation for order A-1002', orderNumbers: ['A-1002'], visible: 'See below, the tracking number does not work.' },
  'gmail-html-only.eml': { visible: 'I returned the blue kettle last week.\n\nWhen will I get my refund?' },
  'gmail-attachment.eml': { attachments: [{ filename: 'receipt.pdf', contentType: 'application/pdf', inline: false }], visible: 'The lamp arrived broken. Receipt attached.' },
  'gmail-inline-image.eml': { attachments: [{ filename: 'scratch.png', contentType: 'image/png', inline: true }], visible: 'Look at this:' },
  'outlook-new.eml': { from: 'd.krause@contoso-mail.example', orderNumbers: ['A-2001'], visible: 'Hello,\n\nthe invoice shows €19.99 twice. I was charged only once – please correct it.' },
  'outlook-reply.eml': {
    caseToken: 'K-2001',
    normalisedSubject: 'Invoice for order A-2001 is wrong',
    messageIds: ['out_200@mail.shop.example', 'AM0PR04MB6961A1B2C3D4E5F6@AM0PR04MB6961.eurprd04.prod.outlook.example'],
    visible: 'Thank you, the corrected invoice is fine.\n\nDieter',
    folded: ['Original Message', 'corrected invoice.'],
  },
  'outlook-reply-german.eml': { caseToken: 'K-2002', normalisedSubject: 'Lieferung A-2002', orderNumbers: ['A-2002'], folded: ['Gesendet', 'unterwegs'] },
  'outlook-forward.eml': { normalisedSubject: 'Payment failed for order A-2003', visible: 'Why did this fail? My card is fine.' },
  'outlook-automatic-reply.eml': { kind: 'auto_reply', caseToken: 'K-2001', normalisedSubject: 'Invoice for order A-2001 is wrong', messageIds: ['out_200@mail.shop.example'] },
  'outlook-oof-legacy.eml': { kind: 'auto_reply', caseToken: 'K-2002', normalisedSubject: 'Lieferung A-2002' },
  'apple-mail-new.eml': { from: 'emma.dupont@icloud.example', orderNumbers: ['A-3001'], visible: 'Bonjour, I received size M instead of L for order A-3001. Can you exchange it?\n\nEmma' },
  'apple-mail-reply.eml': { caseToken: 'K-3001', normalisedSubject: 'Wrong size delivered', visible: 'Merci, I will send it back tomorrow.\n\nEmma', folded: ['enclosed label'] },
  'apple-mail-forward.eml': { normalisedSubject: 'Your return label', visible: 'The label does not scan at the post office.' },
  'thunderbird-new.eml': { orderNumbers: ['A-4001'], folded: ['Bergstrasse'] },
  'thunderbird-reply.eml': {
    caseToken: 'K-4001',
    messageIds: ['out_400@mail.shop.example', '4b1e7f0a-2c3d-4e5f-8a9b-0c1d2e3f4a5b@posteo.example'],
    visible: 'Great, thank you. Will the refund go to the same card?',
  },
  'thunderbird-forward.eml': { normalisedSubject: 'Order confirmation A-4002', visible: 'I never placed this order.' },
  'encoded-word-utf8-base64.eml': { subject: 'Bestellung A-5001 – wo bleibt sie?', orderNumbers: ['A-5001'], visible: 'Meine Bestellung A-5001 ist seit zwei Wochen unterwegs. Grüße, Jürgen' },
  'encoded-word-latin1-q.eml': {
    subject: 'Re: Re: Commande A-5002 annulée [K-5002]',
    normalisedSubject: 'Commande A-5002 annulée',
    caseToken: 'K-5002',
    visible: 'Pourquoi ma commande a-t-elle été annulée ?',
  },
  'plus-address-token.eml': { caseToken: 'K-77', normalisedSubject: 'One more question' },
  'nordic-prefixes.eml': { normalisedSubject: 'Levering av ordre A-6001', orderNumbers: ['A-6001'], visible: 'Hvor er pakken min?' },
  'html-with-script.eml': { kind: 'human', orderNumbers: ['A-7001'] },
  'broken-mime-missing-boundary.eml': { visible: 'My parcel for order A-8001 is missing.', attachments: [{ filename: 'data.bin', contentType: 'application/octet-stream' }] },
  'broken-mime-bad-base64.eml': { kind: 'human', subject: 'Bad encoding' },
  'broken-mime-bad-charset.eml': { visible: 'Where is my refund?' },
  'auto-reply-precedence-bulk.eml': { kind: 'auto_reply' },
  'auto-reply-x-autoreply.eml': { kind: 'auto_reply', caseToken: 'K-5' },
  'auto-reply-x-autorespond.eml': { kind: 'auto_reply' },
  'auto-submitted-no.eml': { kind: 'human' },
  'mailing-list.eml': { kind: 'auto_reply' },
  'dsn-bounce-postfix.eml': { kind: 'bounce', bouncedMessageId: 'out_777@mail.shop.example' },
  'dsn-bounce-headers-only.eml': { kind: 'bounce', bouncedMessageId: 'out_778@mail.shop.example' },
  'bounce-without-report.eml': { kind: 'bounce', bouncedMessageId: null },
  'own-outbound-echo.eml': { ownOutbound: true, caseToken: 'K-1234' },
  // Attachments (issue: lost paperwork).
  'attachment-invoice-pdf.eml': { orderNumbers: ['A-9101'], attachments: [{ filename: 'Rechnung A-9101.pdf', contentType: 'application/pdf', inline: false }] },
  'attachment-nine-files.eml': { attachmentCount: 9, orderNumbers: ['A-9102'] },
  'attachment-only-image.eml': { attachments: [{ filename: 'IMG_2044.jpg', contentType: 'image/jpeg' }], body: '(no text; one attachment: IMG_2044.jpg)' },
  // An mbox envelope line in front of the headers.
  'mbox-envelope-line.eml': { from: 'lea.moreau@courriel.example', subject: 'Where is order A-9103?', orderNumbers: ['A-9103'] },
  // Bounces that do not look like the sample.
  'bounce-mailer-daemon-no-address.eml': { kind: 'bounce', bouncedMessageId: 'out_779@mail.shop.example', sender: null },
  'bounce-status-in-mixed.eml': { kind: 'bounce', bouncedMessageId: 'out_780@mail.shop.example' },
  'bounce-plain-quoted-headers.eml': { kind: 'bounce', bouncedMessageId: 'out_781@mail.shop.example' },
  // Raw 8-bit and legacy encodings.
  'raw-8bit-gb2312.eml': { subject: '转发：整体提升企业服务水平', visible: '您好，我的订单 A-9106 还没有到。' },
  'raw-8bit-shift-jis.eml': { subject: 'ツール', visible: 'ツールの注文 A-9107 について教えてください。' },
  'encoded-word-8bit-byte.eml': { subject: 'Frösche im Paket', fromName: 'Uwe Teich' },
  'utf7-subject.eml': { subject: 'Frösche' },
  'raw-8bit-latin1.eml': { subject: 'Grüße aus München, Bestellung A-9108', fromName: 'Jürgen Müller', visible: 'Meine Bestellung A-9108 ist beschädigt angekommen.' },
  'nul-byte.eml': { subject: 'Broken charger', visible: 'The charger for order A-9109 sparks.', orderNumbers: ['A-9109'] },
  // Automatic mail that concerns nobody.
  'notification-auto-generated.eml': { kind: 'auto_reply', sender: 'notifications@servicedesk.example' },
  'newsletter-precedence-bulk.eml': { kind: 'auto_reply' },
  // Wrong or unusable senders.
  'sender-noreply-with-reply-to.eml': { kind: 'human', sender: 'maria.rossi@posta.example', acknowledgeable: true, orderNumbers: ['A-9110'] },
  'sender-noreply-only.eml': { kind: 'auto_reply', sender: 'noreply@notify.carrier.example', acknowledgeable: false },
  'sender-malformed-spaces.eml': { sender: null },
  'sender-malformed-with-reply-to.eml': { kind: 'human', sender: 'ben.ode@forum-mail.example', acknowledgeable: true },
  'sender-trailing-dot.eml': { sender: null },
  // One Message-ID, two different messages.
  'same-message-id-first.eml': { orderNumbers: ['A-9112'] },
  'same-message-id-second.eml': { orderNumbers: ['A-9113'] },
};

const failures: Record<string, 'empty' | 'not_a_message'> = {
  'empty.eml': 'empty',
  'not-a-message.eml': 'not_a_message',
};

describe('email corpus', () => {
  it('covers every fixture with an expectation, and at least 30 of them', () => {
    const files = readdirSync(fixtures)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files).toEqual([...Object.keys(corpus), ...Object.keys(failures)].sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [file, expected] of Object.entries(corpus)) {
    it(`reads ${file}`, async () => {
      const result = await parseEmail(readFileSync(join(fixtures, file)));
      if (!result.ok) throw new Error(`${file}: ${result.reason} ${result.detail}`);
      const email = result.email;
      const keys = threadingKeys(email, { ourDomains: ['shop.example'] });
      const decision = decideInbound(email, { ourMessageIdDomain: 'other.example' });
      if (!decision.store) {
        expect(expected.ownOutbound).toBe(true);
        return;
      }
      const { classification, sender } = decision;
      expect(email.messageId).toMatch(/@/);
      expect(classification.kind).toBe(expected.kind ?? 'human');
      if (expected.from) expect(email.from?.address).toBe(expected.from);
      if (expected.subject) expect(email.subject).toBe(expected.subject);
      if (expected.caseToken !== undefined) expect(keys.caseToken).toBe(expected.caseToken);
      if (expected.normalisedSubject) expect(keys.normalisedSubject).toBe(expected.normalisedSubject);
      if (expected.messageIds) expect(keys.messageIds).toEqual(expected.messageIds);
      if (expected.orderNumbers) expect(keys.orderNumbers).toEqual(expected.orderNumbers);
      if (expected.visible) expect(email.visibleText).toBe(expected.visible);
      for (const gone of expected.folded ?? []) {
        expect(email.text).toContain(gone.trim());
        expect(email.visibleText).not.toContain(gone.trim());
      }
      if (expected.attachments) expect(email.attachments).toMatchObject(expected.attachments);
      if (expected.cc) expect(email.cc.map((a) => a.address)).toEqual(expected.cc);
      if (expected.bouncedMessageId !== undefined) expect(classification.bouncedMessageId).toBe(expected.bouncedMessageId);
      expect(isOwnOutbound(email, { ourMessageIdDomain: 'mail.shop.example' })).toBe(expected.ownOutbound ?? false);
      if (expected.fromName) expect(email.from?.name).toBe(expected.fromName);
      if (expected.attachmentCount !== undefined) expect(email.attachments.filter((a) => a.content !== null)).toHaveLength(expected.attachmentCount);
      if (expected.body) expect(inboundBody(email)).toBe(expected.body);
      if (expected.sender !== undefined) expect(sender.address).toBe(expected.sender);
      if (expected.acknowledgeable !== undefined) expect(sender.address !== null && sender.acknowledgeable).toBe(expected.acknowledgeable);
      for (const value of [email.subject, email.text, email.visibleText, email.from?.name ?? '']) expect(value).not.toContain('\u0000');
      // Headers decode by their declared or detected charset, never to replacement characters.
      for (const value of [email.subject, email.from?.name ?? '']) expect(value).not.toContain('\ufffd');
    });
  }

  for (const [file, reason] of Object.entries(failures)) {
    it(`turns ${file} into a typed failure instead of throwing`, async () => {
      const result = await parseEmail(readFileSync(join(fixtures, file)));
      expect(result).toMatchObject({ ok: false, reason });
    });
  }

  it('never throws on any fixture cut short at any of several points, or with bytes flipped', async () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.eml'));
    let outcomes = 0;
    for (const file of files) {
      const raw = readFileSync(join(fixtures, file));
      for (const fraction of [0.1, 0.33, 0.5, 0.9]) {
        const cut = raw.subarray(0, Math.floor(raw.length * fraction));
        const flipped = Buffer.from(raw);
        for (let i = 7; i < flipped.length; i += 53) flipped[i] = flipped[i]! ^ 0xa5;
        for (const variant of [cut, flipped]) {
          const result = await parseEmail(variant);
          expect(typeof result.ok).toBe('boolean');
          outcomes += 1;
        }
      }
    }
    expect(outcomes).toBe(files.length * 8);
  });

  it('strips scripts, handlers, iframes and javascript: links from inbound HTML', async () => {
    const result = await parseEmail(readFileSync(join(fixtures, 'html-with-script.eml')));
    if (!result.ok) throw new Error(result.detail);
    const html = result.email.html ?? '';
    expect(html).toContain('<a href="https://shop.example/orders"');
    for (const banned of ['<script', 'alert(1)', 'onclick', 'onerror', 'javascript:', '<iframe', '<style', 'display:none']) {
      expect(html).not.toContain(banned);
    }
  });

  it('keeps cid: images and drops plain-http tracking pixels', async () => {
    const result = await parseEmail(readFileSync(join(fixtures, 'gmail-inline-image.eml')));
    if (!result.ok) throw new Error(result.detail);
    expect(result.email.html).toContain('src="cid:ii_scratch01"');
    expect(result.email.html).not.toContain('tracker.example');
  });

  it('reads the delivery report of a bounce', async () => {
    const result = await parseEmail(readFileSync(join(fixtures, 'dsn-bounce-postfix.eml')));
    if (!result.ok) throw new Error(result.detail);
    expect(result.email.deliveryReport).toEqual({
      originalMessageId: 'out_777@mail.shop.example',
      failedRecipients: ['nobody@gmail.example'],
      status: '5.1.1',
      action: 'failed',
    });
  });
});
