import { describe, expect, it } from 'vitest';
import { configEntries } from './config-entries';

describe('settings sections', () => {
  it('lists reasons by code and policies by name', () => {
    const reasons = [{ code: 'payment_verification_failed', customer_text: 'We could not verify the payment.' }];
    expect(configEntries(reasons).map(([name]) => name)).toEqual(['payment_verification_failed']);
    expect(configEntries([{ name: 'notify_on_cancel' }, { other: 1 }]).map(([name]) => name)).toEqual(['notify_on_cancel', '2']);
  });

  it('lists calendars given as a map by their key', () => {
    expect(configEntries({ support: { zone: 'Europe/Madrid' } })).toEqual([['support', { zone: 'Europe/Madrid' }]]);
  });

  it('shows nothing for a missing section', () => {
    expect(configEntries(undefined)).toEqual([]);
    expect(configEntries(null)).toEqual([]);
  });
});
