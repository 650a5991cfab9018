import { describe, expect, it } from 'vitest';
import { formatCountdown } from './countdown';

const now = Date.parse('2026-12-01T10:00:00Z');
const fromNow = (ms: number): string => new Date(now + ms).toISOString();

describe('formatCountdown', () => {
  it('shows days and hours for a deadline days away, as not urgent', () => {
    const c = formatCountdown(fromNow((2 * 24 + 4) * 3600_000 + 59_000), now);
    expect(c).toEqual({ text: '2d 4h', label: 'due in 2 days 4 hours', urgency: 'later' });
  });

  it('shows hours and padded minutes when under a day', () => {
    expect(formatCountdown(fromNow(3 * 3600_000 + 5 * 60_000), now).text).toBe('3h 05m');
  });

  it('ticks seconds in the last hour and marks it soon', () => {
    const c = formatCountdown(fromNow(12 * 60_000 + 7_000), now);
    expect(c.text).toBe('12m 07s');
    expect(c.urgency).toBe('soon');
    expect(c.label).toBe('due in 12 minutes');
  });

  it('treats exactly one hour left as soon and a second more as later', () => {
    expect(formatCountdown(fromNow(3600_000), now).urgency).toBe('soon');
    expect(formatCountdown(fromNow(3601_000), now).urgency).toBe('later');
  });

  it('reads a passed deadline as overdue with a minus sign, even half a second late', () => {
    expect(formatCountdown(fromNow(-500), now)).toEqual({ text: '-1s', label: 'overdue by 1 second', urgency: 'overdue' });
    const late = formatCountdown(fromNow(-(90 * 60_000)), now);
    expect(late.text).toBe('-1h 30m');
    expect(late.label).toBe('overdue by 1 hour 30 minutes');
  });

  it('understands deadlines given with an offset', () => {
    expect(formatCountdown('2026-12-01T11:30:00+01:00', now).text).toBe('30m 00s');
  });

  it('shows a dash when there is no deadline', () => {
    expect(formatCountdown(null, now)).toEqual({ text: '—', label: 'no deadline', urgency: 'none' });
    expect(formatCountdown('not a date', now).urgency).toBe('none');
  });
});
