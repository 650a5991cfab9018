// The dashboard's window and day filling: whole UTC days ending today, zero where nothing happened.
import { describe, expect, it } from 'vitest';
import { countsPerDay, reportWindow } from './report.js';

describe('report window', () => {
  it('covers whole UTC days ending with today, today included', () => {
    const window = reportWindow(new Date('2026-12-03T17:45:00Z'), 3);
    expect(window.days).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(window.from.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(window.to.toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });

  it('crosses a month end', () => {
    expect(reportWindow(new Date('2026-03-01T00:10:00Z'), 2).days).toEqual(['2026-02-28', '2026-03-01']);
  });

  it('gives every day an entry, adding rows of the same day and ignoring days outside', () => {
    const rows = [
      { dayIndex: 0, kept: 2, breached: 0 },
      { dayIndex: 2, kept: 1, breached: 1 },
      { dayIndex: 2, kept: 0, breached: 3 },
      { dayIndex: 7, kept: 9, breached: 9 },
    ];
    expect(countsPerDay(['d0', 'd1', 'd2'], rows, ['kept', 'breached'])).toEqual([
      { day: 'd0', kept: 2, breached: 0 },
      { day: 'd1', kept: 0, breached: 0 },
      { day: 'd2', kept: 1, breached: 4 },
    ]);
  });
});
