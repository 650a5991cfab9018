import { describe, expect, it } from 'vitest';
import { configEntries, summarizeEntry } from './config-entries';

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

  it('says in one line what a policy, reason, template or calendar is', () => {
    expect(summarizeEntry('policies', { id: 'resolution', description: 'Every case is resolved within 3 business days.', opens: 'resolution' })).toBe('Every case is resolved within 3 business days.');
    expect(summarizeEntry('policies', { id: 'x', opens: 'notify' })).toBe('opens notify');
    expect(summarizeEntry('reasons', { code: 'out_of_stock', customer_text: 'The item is out of stock.', internal_text: 'Inventory' })).toBe('The item is out of stock.');
    expect(summarizeEntry('templates', { id: 'order.cancelled.email', channel: 'email', subject: 'Your order {{order.number}}', variables: { 'order.number': 'OrderNumber', reason: 'Reason' } })).toBe(
      'email · “Your order {{order.number}}” · 2 typed values',
    );
    const week = { from: '09:00', to: '17:00' };
    expect(summarizeEntry('calendars', { zone: 'Europe/Madrid', hours: { mon: [week], tue: [week], sat: [{ from: '10:00', to: '14:00' }] }, holidays: [{ date: '2026-12-25' }] })).toBe(
      'Europe/Madrid · mon, tue 09:00–17:00; sat 10:00–14:00 · 1 holiday',
    );
  });
});
