import { describe, expect, it } from 'vitest';
import { normaliseSubject, threadingKeys } from './threading-keys.js';
import { parseEmail } from './parse-email.js';

async function keysOf(headers: string, body = 'hello', ourDomains = ['shop.example']) {
  const result = await parseEmail(Buffer.from(`${headers}\r\nMessage-ID: <m@example.com>\r\n\r\n${body}\r\n`));
  if (!result.ok) throw new Error(result.detail);
  return threadingKeys(result.email, { ourDomains });
}

describe('normaliseSubject', () => {
  it.each([
    ['Re: Where is my order?', 'Where is my order?'],
    ['RE: Re: re:  Where is my order?', 'Where is my order?'],
    ['Fwd: FW: Where is my order?', 'Where is my order?'],
    ['AW: WG: Wo ist meine Bestellung?', 'Wo ist meine Bestellung?'],
    ['SV: Levering', 'Levering'],
    ['RE[2]: Refund', 'Refund'],
    ['Re(3): Refund', 'Refund'],
    ['Re: [K-1234] Re: Refund', 'Refund'],
    ['Re: Refund [K-1234]', 'Refund'],
    ['Automatic reply: Refund', 'Refund'],
    ['Return policy question', 'Return policy question'],
    ['Re:Refund', 'Refund'],
  ])('%s → %s', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });
});

describe('threadingKeys', () => {
  it('prefers a plus-address token at our domain over the subject', async () => {
    const keys = await keysOf('From: a@example.com\r\nTo: support+K-12@shop.example\r\nSubject: Re: hi [K-99]');
    expect(keys).toMatchObject({ caseToken: 'K-12', caseTokenSource: 'plus_address' });
  });

  it('ignores plus-addresses at other domains', async () => {
    const keys = await keysOf('From: a@example.com\r\nTo: support+K-12@elsewhere.example\r\nSubject: hi');
    expect(keys).toMatchObject({ caseToken: null, caseTokenSource: null });
  });

  it('finds the token in a CC when the customer replied to someone else', async () => {
    const keys = await keysOf('From: a@example.com\r\nTo: b@example.com\r\nCc: support+k-5@shop.example\r\nSubject: hi');
    expect(keys.caseToken).toBe('K-5');
  });

  it('offers In-Reply-To first, then References newest first, without duplicates', async () => {
    const keys = await keysOf('From: a@example.com\r\nTo: support@shop.example\r\nSubject: Re: hi\r\nIn-Reply-To: <c@x>\r\nReferences: <a@x> <b@x>\r\n <c@x>');
    expect(keys.messageIds).toEqual(['c@x', 'b@x', 'a@x']);
  });

  it('lists order numbers mentioned in the subject and the visible text only', async () => {
    const keys = await keysOf(
      'From: a@example.com\r\nTo: support@shop.example\r\nSubject: Order #A-1001',
      'Also order A-1002 please.\r\n\r\nOn Mon, Nov 23, 2026 at 10:00 AM Support <s@shop.example> wrote:\r\n> your order A-0999',
    );
    expect(keys.orderNumbers).toEqual(['A-1001', 'A-1002']);
  });

  it('accepts a shop-specific order number pattern', async () => {
    const result = await parseEmail(Buffer.from('From: a@example.com\r\nSubject: parcel SO/2026/0042 late\r\n\r\nhi\r\n'));
    if (!result.ok) throw new Error(result.detail);
    const keys = threadingKeys(result.email, { ourDomains: [], orderNumberPattern: /\b(SO\/\d{4}\/\d{4})\b/ });
    expect(keys.orderNumbers).toEqual(['SO/2026/0042']);
  });
});
