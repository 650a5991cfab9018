import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../history/seeded-random.js';
import type { ArrivalCount } from './arrivals.js';
import { countArrivals } from './arrivals.js';
import { fitArrivalModel, projectForecast } from './forecast-model.js';
import type { Holiday } from './forecast-model.js';
import { formatForecastChart, formatForecastTable } from './forecast-render.js';
import { generateHistory } from '../history/generate-history.js';

const HOUR = 3_600_000;
// A known weekly shape: Monday busiest, weekends quiet; a day with a morning and an evening peak.
const dayFactor = [1.3, 1.2, 1.1, 1.0, 1.0, 0.6, 0.5]; // Monday first
const hourFactor = (h: number) => 0.3 + 1.6 * Math.exp(-((h - 11) ** 2) / 10) + 1.1 * Math.exp(-((h - 19) ** 2) / 6);
const channels = { web_form: 14, chat: 9, sms: 5 };

function expected(ms: number, channel: keyof typeof channels, holidays: Holiday[] = []): number {
  const d = new Date(ms);
  const weekday = (d.getUTCDay() + 6) % 7;
  const date = d.toISOString().slice(0, 10);
  const uplift = holidays.filter((h) => date >= h.from && date <= (h.to ?? h.from)).reduce((u, h) => u * h.uplift, 1);
  return channels[channel] * (dayFactor[weekday] ?? 1) * hourFactor(d.getUTCHours()) * uplift;
}

function series(from: string, weeks: number, seed: number, holidays: Holiday[] = []): ArrivalCount[] {
  const rng = createSeededRandom(seed);
  const out: ArrivalCount[] = [];
  for (let i = 0; i < weeks * 168; i++) {
    const ms = Date.parse(from) + i * HOUR;
    for (const c of Object.keys(channels) as Array<keyof typeof channels>) {
      const count = rng.poisson(expected(ms, c, holidays));
      if (count > 0) out.push({ hour: new Date(ms).toISOString(), channel: c, count });
    }
  }
  return out;
}

const mape = (pairs: Array<[number, number]>) => pairs.reduce((s, [f, t]) => s + Math.abs(f - t) / t, 0) / pairs.length;

describe('the surge forecast', () => {
  const staffing = { agentsPerHour: 20, handledPerAgentHour: 6 };

  it('reproduces a known seasonal series within 10% per hour and 3% per day', () => {
    const model = fitArrivalModel({ arrivals: series('2026-09-07T00:00:00Z', 8, 42) });
    const forecast = projectForecast({ model, from: new Date('2026-11-02T00:00:00Z'), days: 7, staffing });
    const hourly = forecast.hours.map((h): [number, number] => {
      const ms = Date.parse(h.hour);
      return [h.arrivals, expected(ms, 'web_form') + expected(ms, 'chat') + expected(ms, 'sms')];
    });
    const daily = forecast.days.map((d, i): [number, number] => [d.arrivals, hourly.slice(i * 24, i * 24 + 24).reduce((s, [, t]) => s + t, 0)]);
    expect(mape(hourly)).toBeLessThan(0.1);
    expect(mape(daily)).toBeLessThan(0.03);
    const web = forecast.days[0]?.byChannel['web_form'] ?? 0;
    expect(web / (forecast.days[0]?.arrivals ?? 1)).toBeCloseTo(14 / 28, 1);
  });

  it('takes surges out of the history and puts the configured ones into the projection', () => {
    const past: Holiday[] = [{ name: 'last sale', from: '2026-10-12', to: '2026-10-14', uplift: 2.5 }];
    const coming: Holiday = { name: 'December peak', from: '2026-12-01', to: '2026-12-24', uplift: 2 };
    const model = fitArrivalModel({ arrivals: series('2026-09-07T00:00:00Z', 8, 7, past), holidays: [...past, coming] });
    const forecast = projectForecast({ model, from: new Date('2026-11-30T00:00:00Z'), days: 3, staffing });
    const [mon, tue] = forecast.days;
    const truth = (date: string, holidays: Holiday[]) =>
      Array.from({ length: 24 }, (_, h) => Date.parse(`${date}T00:00:00Z`) + h * HOUR).reduce(
        (s, ms) => s + expected(ms, 'web_form', holidays) + expected(ms, 'chat', holidays) + expected(ms, 'sms', holidays),
        0,
      );
    expect(
      mape([
        [mon?.arrivals ?? 0, truth('2026-11-30', [])],
        [tue?.arrivals ?? 0, truth('2026-12-01', [coming])],
      ]),
    ).toBeLessThan(0.03);
    expect(tue?.uplift).toBe(2);
  });

  it('warns on the first day the backlog breaks first-response deadlines, and not when staff suffice', () => {
    const model = fitArrivalModel({ arrivals: series('2026-09-07T00:00:00Z', 4, 3), holidays: [{ from: '2026-12-03', to: '2026-12-24', uplift: 2.2 }] });
    const from = new Date('2026-11-30T00:00:00Z');
    // 10 agents answer 60 an hour: the usual peaks (about 28 × 1.3 × 1.9 ≈ 69 an hour on a Monday) pass within
    // the 4 h window, the surge's afternoons (about 28 × 1.9 × 2.2 ≈ 117 an hour) do not.
    const tight = projectForecast({ model, from, days: 7, staffing: { agentsPerHour: 10, handledPerAgentHour: 6 } });
    expect(tight.days.slice(0, 3).every((d) => !d.warning)).toBe(true);
    expect(tight.warningDay).toBe('2026-12-03');
    expect(tight.warningInDays).toBe(3);
    const ample = projectForecast({ model, from, days: 7, staffing: { agentsPerHour: 30, handledPerAgentHour: 6 } });
    expect(ample.warningDay).toBeNull();
    expect(formatForecastTable(tight)).toContain('⚠');
    expect(formatForecastChart(tight).split('\n').length).toBeGreaterThan(10);
  });

  it('counts arrivals per channel and hour from a generated history', () => {
    const events = [...generateHistory({ seed: 4, days: 7, journeysPerDay: 100 })];
    const arrivals = countArrivals(events);
    const contacts = events.filter((e) => e.type === 'contact.received').length;
    const requested = events.filter((e) => e.type === 'survey.responded' && e.data?.['contact_requested'] === true).length;
    expect(arrivals.reduce((s, a) => s + a.count, 0)).toBe(contacts + requested);
    expect(new Set(arrivals.map((a) => a.channel))).toContain('sms');
  });
});
