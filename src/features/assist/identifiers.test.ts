import { describe, expect, it } from 'vitest';
import { findIdentifiers, maxScannedChars } from './identifiers.js';

const shapes = (text: string) => findIdentifiers(text).map((found) => [found.shape, found.text, found.label]);

describe('finding identifiers by their shape', () => {
  it('reads the 7776 email: the digits, and that the customer calls them an account', () => {
    expect(shapes('I got an email saying my account ending in 7776 is being credited. I have no account 7776!')).toEqual([
      ['digits', '7776', 'account'],
      ['digits', '7776', 'account'],
    ]);
  });

  it('finds the same identifiers in German, French and Spanish without knowing the phrasing', () => {
    expect(shapes('Mein Konto mit der Endung 7776 wurde mit 120,00 € gutgeschrieben (Bestellung IW-117776).')).toEqual([
      ['digits', '7776', 'account'],
      ['amount', '120,00 €', null],
      ['code', 'IW-117776', 'order'],
    ]);
    expect(shapes('Ma carte 4242, commande du 01.12.2026')).toEqual([
      ['digits', '4242', 'card'],
      ['date', '01.12.2026', 'order'],
    ]);
    expect(shapes('Mi pedido #117776 y el seguimiento 1Z999AA10123456784')).toEqual([
      ['code', '#117776', 'order'],
      ['code', '1Z999AA10123456784', 'tracking'],
    ]);
  });

  it('reads amounts with either decimal mark and a currency sign or code on either side', () => {
    const amounts = findIdentifiers('Refund $1,234.50 or EUR 99 or 12.345,67 EUR').map((found) => found.amount);
    expect(amounts).toEqual([
      { amountMinor: 123450, currency: 'USD' },
      { amountMinor: 9900, currency: 'EUR' },
      { amountMinor: 1234567, currency: 'EUR' },
    ]);
  });

  it('keeps both readings of a numeric date, and finds phone fragments and case references', () => {
    const [date, phone, token] = findIdentifiers('On 3/4/2026 I called from +1 555 123 4567 about K-1042');
    expect(date!.days).toEqual([
      { day: 3, month: 4, year: 2026 },
      { day: 4, month: 3, year: 2026 },
    ]);
    expect([phone!.shape, phone!.digits]).toEqual(['phone', '15551234567']);
    expect([token!.shape, token!.text]).toEqual(['code', 'K-1042']);
  });

  it('leaves units and ordinals alone, and reads no further than the bound', () => {
    expect(shapes('the 3rd box, 10am, 5kg')).toEqual([]);
    const long = `${'x '.repeat(maxScannedChars)} order 7776`;
    expect(findIdentifiers(long)).toEqual([]);
  });
});
