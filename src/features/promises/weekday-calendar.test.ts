import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createWeekdayCalendar } from './weekday-calendar.js';

const zone = 'Europe/Berlin';
const at = (iso: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
const show = (d: Date): string => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('the weekday calendar promises fall back on', () => {
  const calendar = createWeekdayCalendar(zone);

  it('closes at 17:00, and a weekend day closes with the Monday after', () => {
    expect(show(calendar.endOfBusinessDay(at('2026-12-03T09:00')))).toBe('Thu 2026-12-03 17:00');
    expect(show(calendar.endOfBusinessDay(at('2026-12-05T11:00')))).toBe('Mon 2026-12-07 17:00');
  });

  it('adds business days over a weekend at the same time of day, or at close when sent after hours', () => {
    expect(show(calendar.addBusinessDays(at('2026-12-03T14:00'), 2))).toBe('Mon 2026-12-07 14:00');
    expect(show(calendar.addBusinessDays(at('2026-12-04T19:30'), 1))).toBe('Mon 2026-12-07 17:00');
  });

  it('counts business minutes only inside opening hours', () => {
    expect(show(calendar.addBusinessMinutes(at('2026-12-04T16:00'), 120))).toBe('Mon 2026-12-07 10:00');
    expect(calendar.businessMinutesBetween(at('2026-12-04T16:00'), at('2026-12-07T10:00'))).toBe(120);
    expect(calendar.isOpen(at('2026-12-05T12:00'))).toBe(false);
  });
});
