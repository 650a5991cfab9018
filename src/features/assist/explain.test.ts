import { describe, expect, it } from 'vitest';
import { explainIdentifiers, type AssistRecords } from './explain.js';
import { findIdentifiers } from './identifiers.js';
import { draftReply } from './suggest-reply.js';

const records: AssistRecords = {
  customerId: 'cus_1',
  orders: [
    {
      number: 'IW-117776',
      state: 'tradein_credited',
      payment: { method: 'card', last4: '4242' },
      total: { amountMinor: 12000, currency: 'EUR' },
      movements: [{ what: 'credit', amount: { amountMinor: 12000, currency: 'EUR' }, to: { kind: 'card', last4: '4242' } }],
      tracking: { number: '1Z999AA10123456784', carrier: 'UPS' },
      days: [{ state: 'shipped', day: '2026-11-21' }],
    },
  ],
  phones: ['+4915112345678'],
  cases: [{ id: 'cas_9', token: 'K-9', number: 9, kind: 'claim' }],
};

const explain = (text: string) => explainIdentifiers(findIdentifiers(text), records).map((entry) => [entry.identifier.text, entry.match.kind, entry.explanation]);

describe('explaining identifiers from the records', () => {
  it('reads a German message the same way: the account that is an order number, the amount, the day, the claim', () => {
    expect(explain('Mein Konto 7776 wurde mit 120,00 € gutgeschrieben? Versand am 21.11.2026, Reklamation K-9.')).toEqual([
      ['7776', 'order_suffix', '7776: the last 4 digits of order IW-117776, not an account; the credit of €120.00 went to the card ending in 4242.'],
      ['120,00 €', 'amount', '120,00 €: the total of order IW-117776.'],
      ['120,00 €', 'amount', '120,00 €: the credit for order IW-117776, paid to the card ending in 4242.'],
      ['21.11.2026', 'date', '21.11.2026: the day order IW-117776 was shipped (2026-11-21).'],
      ['K-9', 'claim_number', 'K-9: the reference of claim K-9.'],
    ]);
  });

  it('names a tracking number, a phone fragment, and says a card number on no record matches nothing', () => {
    expect(explain('Parcel 1Z999AA10123456784, call me on 0151 1234 5678. My visa 9999?')).toEqual([
      ['1Z999AA10123456784', 'tracking_number', '1Z999AA10123456784: the tracking number of order IW-117776 (UPS).'],
      ['0151 1234 5678', 'phone', '0151 1234 5678: the phone number on record for this customer.'],
      ['9999', 'unknown', "9999: matches nothing in this customer's records; the credit of €120.00 went to the card ending in 4242."],
    ]);
  });

  it('drafts no reply for a message without identifiers and no recorded reason', () => {
    expect(draftReply({ name: 'Ines', explained: explainIdentifiers(findIdentifiers('Hello, any news?'), records), reason: null })).toBeNull();
  });
});
