import { describe, expect, it } from 'vitest';
import type { ForecastDay } from '../api/types';
import { dayStarts, forecastBuckets, forecastRows, forecastSummary, forecastWarning, warningSpans } from './forecast';

function day(date: string, over: Partial<ForecastDay> = {}): ForecastDay {
  return { date, arrivals: 20.4, byChannel: { web_form: 20.4 }, capacity: 96, peakBacklog: 0, peakAtRisk: 0, breaches: 0, uplift: 1, warning: false, ...over };
}

const surge = {
  days: [
    day('2026-12-12'),
    day('2026-12-13'),
    day('2026-12-14'),
    day('2026-12-15', { arrivals: 160.2, peakBacklog: 111.6, peakAtRisk: 70, breaches: 64.4, uplift: 2, warning: true }),
    day('2026-12-16', { breaches: 3, warning: true }),
  ],
  warningDay: '2026-12-15',
  warningInDays: 3,
  firstResponseHours: 4,
};

describe('the forecast on the dashboard', () => {
  it('names the day the breach wave starts and how many days ahead it is, with that day’s numbers', () => {
    expect(forecastWarning(surge)).toEqual({
      day: '2026-12-15',
      inDays: 3,
      headline: 'Breach wave in 3 days: first responses will break from Tue 2026-12-15.',
      detail: 'With the configured staffing, 64 of 160 contacts that day would wait past the 4 h first-response deadline (peak backlog 112).',
      days: ['2026-12-15', '2026-12-16'],
    });
  });

  it('says today and tomorrow in words', () => {
    expect(forecastWarning({ ...surge, warningDay: '2026-12-12', warningInDays: 0 })?.headline).toMatch(/^Breach wave today: .* Sat 2026-12-12\.$/);
    expect(forecastWarning({ ...surge, warningDay: '2026-12-13', warningInDays: 1 })?.headline).toMatch(/^Breach wave tomorrow: /);
  });

  it('has no warning when no day breaks first responses', () => {
    expect(forecastWarning({ ...surge, warningDay: null, warningInDays: null })).toBeNull();
    expect(forecastSummary({ ...surge, days: [day('2026-12-12')], warningDay: null, warningInDays: null })).toBe(
      '20 contacts projected from 2026-12-12 to 2026-12-12, 0 of them past the first-response deadline. No day breaks first responses.',
    );
  });

  it('rounds each day as `kept forecast` prints it, with the surge’s uplift and weekday', () => {
    expect(forecastRows(surge)[3]).toEqual({ date: '2026-12-15', weekday: 'Tue', arrivals: 160, capacity: 96, backlog: 112, atRisk: 70, breaches: 64, uplift: '×2', warning: true });
    expect(forecastRows(surge)[0]?.uplift).toBe('');
  });

  it('charts 4-hour buckets on the local dates of the forecast’s zone, and spans each warning day', () => {
    const labels = ['2026-12-14T20:00:00.000Z', '2026-12-15T00:00:00.000Z', '2026-12-15T20:00:00.000Z', '2026-12-16T00:00:00.000Z'];
    const series = [
      { name: 'arrivals', values: [1.4, 120.6, 2, 0] },
      { name: 'capacity', values: [96, 96, 96, 96] },
      { name: 'backlog', values: [0, 88.2, 0, 0] },
    ];
    const utc = forecastBuckets({ labels, series });
    expect(utc.map((b) => b.date)).toEqual(['2026-12-14', '2026-12-15', '2026-12-15', '2026-12-16']);
    expect(utc[1]).toEqual({ at: labels[1], t: Date.parse(labels[1]!), date: '2026-12-15', day: 'Tue 15', label: 'Tue 15 00:00', arrivals: 121, capacity: 96, backlog: 88 });
    expect(dayStarts(utc).map((b) => b.day)).toEqual(['Mon 14', 'Tue 15', 'Wed 16']);
    // In Madrid, 20:00 UTC on the 14th is already 21:00 there, and midnight UTC is 01:00 on the 15th.
    const madrid = forecastBuckets({ labels, series, zone: 'Europe/Madrid' });
    expect(madrid.map((b) => b.label)).toEqual(['Mon 14 21:00', 'Tue 15 01:00', 'Tue 15 21:00', 'Wed 16 01:00']);
    expect(warningSpans({ buckets: utc, rows: forecastRows(surge) })).toEqual([
      { date: '2026-12-15', x1: Date.parse('2026-12-15T00:00:00Z'), x2: Date.parse('2026-12-16T00:00:00Z'), breaches: 64 },
      { date: '2026-12-16', x1: Date.parse('2026-12-16T00:00:00Z'), x2: Date.parse('2026-12-16T04:00:00Z'), breaches: 3 },
    ]);
  });
});
