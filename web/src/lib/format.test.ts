import { describe, expect, it } from 'vitest';
import { formatMinor, formatMoney, formatSpend } from './format';

describe('money from minor units', () => {
  it('divides by the currency’s own minor unit: cents for EUR, none for JPY', () => {
    expect(formatMinor(12990, 'EUR')).toMatch(/129[.,]90/);
    expect(formatMinor(500, 'JPY')).toMatch(/500/);
    expect(formatMinor(500, 'JPY')).not.toMatch(/5[.,]00/);
  });

  it('prefers the server’s own formatting of a total', () => {
    expect(formatMoney({ amount_minor: 12990, currency: 'EUR', formatted: 'EUR 129.90' })).toBe('EUR 129.90');
    expect(formatMoney(null)).toBe('—');
  });

  it('lists spend in each currency', () => {
    expect(formatSpend({ EUR: 100, USD: 250 }).split(' · ')).toHaveLength(2);
    expect(formatSpend({})).toBe('—');
  });
});
