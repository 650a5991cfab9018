import { describe, expect, it } from 'vitest';
import { caveatsOfItems, infoDueAt, statesAny } from './caveat.js';

describe('caveat rules', () => {
  it('reads caveats from order items and ignores what is not one', () => {
    const items = [{ sku: 'A', caveats: [{ code: 'special_delivery' }, { code: '' }, 'x', { code: 'age_check', text: '  ID needed at pick-up. ' }] }, null, { sku: 'B' }];
    expect(caveatsOfItems(items).map(({ itemIndex, code, text }) => [itemIndex, code, text])).toEqual([
      [0, 'special_delivery', null],
      [0, 'age_check', 'ID needed at pick-up.'],
    ]);
  });

  it('a message states a caveat when it carries its words, whatever the line breaks, case and punctuation', () => {
    const phrases = ['Tickets are handed over separately, before the event.'];
    expect(statesAny('Hello!\nTICKETS are handed over\nseparately — before the event', phrases)).toBe(true);
    expect(statesAny('Delivery: special delivery', phrases)).toBe(false);
    expect(statesAny('tickets are handed over separately before the events', phrases)).toBe(false);
  });

  it('information is due days before the item date, at the start of that day in the customer zone; no date, no deadline', () => {
    const due = { days_before: 7, field: 'item.event_date' };
    expect(infoDueAt({ item: { event_date: '2026-12-20' }, due, zone: 'Europe/Berlin' })?.toISOString()).toBe('2026-12-12T23:00:00.000Z');
    expect(infoDueAt({ item: { event_date: 'soon' }, due, zone: 'UTC' })).toBeNull();
    expect(infoDueAt({ item: {}, due, zone: 'UTC' })).toBeNull();
  });
});
