import { describe, expect, it } from 'vitest';
import { registerStatusStrings, t } from './status-strings.js';

describe('status-page strings', () => {
  it('formats English strings with values and plurals', () => {
    expect(t('status.page_title', { orderNumber: 'A-1001' })).toBe('Status of your order A-1001');
    expect(t('status.updates', { count: 0 })).toBe('No updates yet');
    expect(t('status.updates', { count: 1 })).toBe('1 update');
    expect(t('status.updates', { count: 3 })).toBe('3 updates');
  });

  it('uses a registered language and falls back to English for what it lacks', () => {
    registerStatusStrings({ locale: 'de', messages: { 'status.order_state.cancelled': 'Storniert.' } });
    expect(t('status.order_state.cancelled', {}, 'de-AT')).toBe('Storniert.');
    expect(t('status.order_state.shipped', {}, 'de')).toBe('On its way.');
  });

  it('refuses an unknown key', () => {
    expect(() => t('status.nope')).toThrow(/no status-page string status.nope/);
  });
});
