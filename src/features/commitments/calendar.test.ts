import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, type BusinessCalendarDefinition } from './calendar.js';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const berlinSupport: BusinessCalendarDefinition = {
  name: 'support',
  zone: 'Europe/Berlin',
  hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-12-24', '2026-12-25'],
};
const support = createBusinessCalendar(berlinSupport);

// Berlin is UTC+1 in winter, UTC+2 in summer.
const at = (iso: string): Date => new Date(iso);

describe('a weekday calendar in Berlin', () => {
  it('is open on a weekday afternoon and closed at night, on weekends and on holidays', () => {
    expect(support.isOpen(at('2026-11-23T13:00:00Z'))).toBe(true); // Mon 14:00
    expect(support.isOpen(at('2026-11-23T16:00:00Z'))).toBe(false); // Mon 17:00, closing time
    expect(support.isOpen(at('2026-11-23T07:59:00Z'))).toBe(false); // Mon 08:59
    expect(support.isOpen(at('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
    expect(support.isOpen(at('2026-12-24T12:00:00Z'))).toBe(false); // holiday, a Thursday
  });

  it('adds business minutes across a night', () => {
    // Mon 16:00 + 4 business hours = 1 h on Monday + 3 h from Tuesday 09:00.
    expect(support.addBusinessMinutes(at('2026-11-23T15:00:00Z'), 240).toISOString()).toBe('2026-11-24T11:00:00.000Z');
  });

  it('adds business minutes from a weekend to Monday morning', () => {
    expect(support.addBusinessMinutes(at('2026-11-28T10:00:00Z'), 60).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });

  it('skips holidays when adding time', () => {
    // Wed 23 Dec 16:30 + 1 h: 30 min Wednesday, then Thu 24 and Fri 25 are holidays, Sat/Sun closed → Mon 28 09:30.
    expect(support.addBusinessMinutes(at('2026-12-23T15:30:00Z'), 60).toISOString()).toBe('2026-12-28T08:30:00.000Z');
  });

  it('counts business minutes between two instants, the inverse of adding them', () => {
    const from = at('2026-11-27T14:00:00Z'); // Fri 15:00
    const to = support.addBusinessMinutes(from, 480);
    expect(to.toISOString()).toBe('2026-11-30T14:00:00.000Z'); // Mon 15:00
    expect(support.businessMinutesBetween(from, to)).toBe(480);
    expect(support.businessMinutesBetween(to, from)).toBe(0);
  });

  it('adds business days landing at the same time of day, or the close when later', () => {
    // Saturday 11:00 + 2 business days = Tuesday 11:00.
    expect(support.addBusinessDays(at('2026-11-28T10:00:00Z'), 2).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    // Monday 20:00 + 2 business days = Wednesday close (17:00).
    expect(support.addBusinessDays(at('2026-11-23T19:00:00Z'), 2).toISOString()).toBe('2026-11-25T16:00:00.000Z');
    // Wednesday 23 Dec + 1 business day skips the two holidays and the weekend.
    expect(support.addBusinessDays(at('2026-12-23T10:00:00Z'), 1).toISOString()).toBe('2026-12-28T10:00:00.000Z');
  });

  it('finds the end of the business day, or the next one when the day is closed', () => {
    expect(support.endOfBusinessDay(at('2026-11-23T08:00:00Z')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(support.endOfBusinessDay(at('2026-11-28T08:00:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('follows the summer offset after the clocks change', () => {
    // Friday 27 March 2026 is UTC+1; Monday 30 March is UTC+2 (clocks went forward on Sunday 29).
    // Fri 16:00 local + 2 business hours = Mon 10:00 local = 08:00 UTC.
    expect(support.addBusinessMinutes(at('2026-03-27T15:00:00Z'), 120).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // Friday 10:00 CET + 1 business day = Monday 10:00 CEST.
    expect(support.addBusinessDays(at('2026-03-27T09:00:00Z'), 1).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // The other way in autumn: Friday 23 October 10:00 CEST + 1 business day = Monday 10:00 CET.
    expect(support.addBusinessDays(at('2026-10-23T08:00:00Z'), 1).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });
});

describe('several periods a day', () => {
  const split = createBusinessCalendar({
    name: 'shop',
    zone: 'America/New_York',
    hours: {
      mon: [
        { from: '13:30', to: '18:00' },
        { from: '08:00', to: '12:00' },
      ],
    },
  });

  it('is closed over lunch and counts time across the break', () => {
    expect(split.isOpen(at('2026-11-23T17:00:00Z'))).toBe(false); // Mon 12:00 New York
    // Mon 11:00 + 2 h = 1 h before lunch + 1 h after = 14:30 local = 19:30 UTC.
    expect(split.addBusinessMinutes(at('2026-11-23T16:00:00Z'), 120).toISOString()).toBe('2026-11-23T19:30:00.000Z');
    expect(split.businessMinutesBetween(at('2026-11-23T13:00:00Z'), at('2026-11-23T23:00:00Z'))).toBe(8.5 * 60);
  });

  it('lands in the next week when Monday is used up', () => {
    // Mon 17:00 + 2 h: 1 h left on Monday, then the next Monday 08:00 + 1 h.
    expect(split.addBusinessMinutes(at('2026-11-23T22:00:00Z'), 120).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });
});

describe('DST change days', () => {
  const roundTheClock = { from: '00:00', to: '24:00' };
  const always = createBusinessCalendar({
    name: 'always',
    zone: 'Europe/Berlin',
    hours: { mon: [roundTheClock], tue: [roundTheClock], wed: [roundTheClock], thu: [roundTheClock], fri: [roundTheClock], sat: [roundTheClock], sun: [roundTheClock] },
  });
  const sundayNight = createBusinessCalendar({
    name: 'night',
    zone: 'Europe/Berlin',
    hours: { sun: [{ from: '01:00', to: '04:00' }] },
  });

  it('a spring-forward day has 23 business hours and an autumn day 25', () => {
    expect(always.businessMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * 60);
    expect(always.businessMinutesBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * 60);
  });

  it('counts elapsed time, not clock faces, in a period that spans the change', () => {
    // 01:00–04:00 local on 29 March is 2 real hours (02:00 does not exist); on 25 October it is 4.
    expect(sundayNight.businessMinutesBetween(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(120);
    expect(sundayNight.businessMinutesBetween(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(240);
    // 90 minutes from the start of the spring period lands at 03:30 local summer time = 01:30 UTC.
    expect(sundayNight.addBusinessMinutes(at('2026-03-29T00:00:00Z'), 90).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('adds a business day across the change at the same local time', () => {
    // Saturday 28 March 10:00 CET (09:00 UTC) + 1 day = Sunday 29 March 10:00 CEST (08:00 UTC).
    expect(always.addBusinessDays(at('2026-03-28T09:00:00Z'), 1).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // From the change day itself: Sunday 29 March 10:00 CEST + 1 day = Monday 10:00 CEST.
    expect(always.addBusinessDays(at('2026-03-29T08:00:00Z'), 1).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('bad definitions fail at start', () => {
  it('rejects an unknown zone, a backwards period and a calendar that never opens', () => {
    expect(() => createBusinessCalendar({ ...berlinSupport, zone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => createBusinessCalendar({ ...berlinSupport, hours: { mon: [{ from: '17:00', to: '09:00' }] } })).toThrow(/ends before/);
    expect(() => createBusinessCalendar({ name: 'never', zone: 'UTC', hours: {} })).toThrow(/no opening hours/);
  });
});
