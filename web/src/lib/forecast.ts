// The surge forecast in the dashboard's words: the warning banner, the day table and the chart's rows.
// Numbers are rounded as `kept forecast` rounds them, so the console and the command line agree.
import type { Forecast, ForecastDay } from '../api/types';

/** What the banner says when a breach wave is projected. */
export interface ForecastWarning {
  day: string;
  inDays: number;
  /** E.g. "Breach wave in 3 days: first responses will break from Tue 2026-12-15." */
  headline: string;
  /** E.g. "64 of 160 contacts that day would wait past the 4 h first-response deadline …". */
  detail: string;
  /** Every projected date that warns, in order. */
  days: string[];
}

export interface ForecastRow {
  date: string;
  /** Short weekday in UTC, as the command line prints it ("Tue"). */
  weekday: string;
  arrivals: number;
  capacity: number;
  backlog: number;
  atRisk: number;
  breaches: number;
  /** "×2" on a surge day, "" otherwise. */
  uplift: string;
  warning: boolean;
}

export function weekdayOf(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
}

function when(inDays: number): string {
  if (inDays === 0) return 'today';
  if (inDays === 1) return 'tomorrow';
  return `in ${inDays} days`;
}

/** The forecast's days as the command line's table shows them. */
export function forecastRows(forecast: Pick<Forecast, 'days'>): ForecastRow[] {
  return forecast.days.map((d: ForecastDay) => ({
    date: d.date,
    weekday: weekdayOf(d.date),
    arrivals: Math.round(d.arrivals),
    capacity: Math.round(d.capacity),
    backlog: Math.round(d.peakBacklog),
    atRisk: Math.round(d.peakAtRisk),
    breaches: Math.round(d.breaches),
    uplift: d.uplift === 1 ? '' : `×${d.uplift}`,
    warning: d.warning,
  }));
}

/** The banner's words, or null when no day of the forecast breaks first responses. */
export function forecastWarning(forecast: Pick<Forecast, 'days' | 'warningDay' | 'warningInDays' | 'firstResponseHours'>): ForecastWarning | null {
  if (!forecast.warningDay) return null;
  const inDays = forecast.warningInDays ?? 0;
  const rows = forecastRows(forecast);
  const first = rows.find((row) => row.date === forecast.warningDay);
  const headline = `Breach wave ${when(inDays)}: first responses will break from ${weekdayOf(forecast.warningDay)} ${forecast.warningDay}.`;
  const hours = `${forecast.firstResponseHours} h`;
  const detail = first
    ? `With the configured staffing, ${first.breaches} of ${first.arrivals} contacts that day would wait past the ${hours} first-response deadline (peak backlog ${first.backlog}).`
    : `With the configured staffing, contacts would wait past the ${hours} first-response deadline.`;
  return { day: forecast.warningDay, inDays, headline, detail, days: rows.filter((row) => row.warning).map((row) => row.date) };
}

/** One sentence for screen readers in place of the chart. */
export function forecastSummary(forecast: Pick<Forecast, 'days' | 'warningDay' | 'warningInDays' | 'firstResponseHours'>): string {
  const rows = forecastRows(forecast);
  const arrivals = rows.reduce((n, row) => n + row.arrivals, 0);
  const breaches = rows.reduce((n, row) => n + row.breaches, 0);
  const span = rows.length > 0 ? `from ${rows[0]?.date} to ${rows[rows.length - 1]?.date}` : 'for no days';
  const warning = forecastWarning(forecast);
  return `${arrivals} contacts projected ${span}, ${breaches} of them past the first-response deadline. ${warning ? warning.headline : 'No day breaks first responses.'}`;
}

/** One 4-hour bucket of the chart, with the local date it falls on. */
export interface ForecastBucket {
  at: string;
  /** `at` in milliseconds, for a time axis. */
  t: number;
  date: string;
  /** "Tue 15": the axis' tick on the first bucket of a day. */
  day: string;
  /** "Tue 15 08:00": weekday, day of month and hour, in the forecast's zone. */
  label: string;
  arrivals: number;
  capacity: number;
  backlog: number;
}

function localParts(iso: string, zone: string): { date: string; weekday: string; day: string; hour: string } {
  const format = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat('en-CA', { timeZone: zone, ...options }).format(new Date(iso));
    } catch {
      return new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', ...options }).format(new Date(iso));
    }
  };
  return {
    date: format({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    weekday: format({ weekday: 'short' }),
    day: format({ day: 'numeric' }),
    hour: format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
}

/** The chart's buckets: arrivals and capacity summed over 4 hours, the backlog's peak, rounded as the command line does. */
export function forecastBuckets(forecast: Pick<Forecast, 'labels' | 'series' | 'zone'>): ForecastBucket[] {
  const zone = forecast.zone ?? 'UTC';
  const values = (name: string) => forecast.series.find((s) => s.name === name)?.values ?? [];
  const [arrivals, capacity, backlog] = [values('arrivals'), values('capacity'), values('backlog')];
  return forecast.labels.map((at, i) => {
    const local = localParts(at, zone);
    return {
      at,
      t: Date.parse(at),
      date: local.date,
      day: `${local.weekday} ${local.day}`,
      label: `${local.weekday} ${local.day} ${local.hour}`,
      arrivals: Math.round(arrivals[i] ?? 0),
      capacity: Math.round(capacity[i] ?? 0),
      backlog: Math.round(backlog[i] ?? 0),
    };
  });
}

const BUCKET_MS = 4 * 3_600_000;

/** The first bucket of each local date: where the time axis puts its ticks. */
export function dayStarts(buckets: readonly ForecastBucket[]): ForecastBucket[] {
  return buckets.filter((b, i) => i === 0 || buckets[i - 1]?.date !== b.date);
}

/** The stretch of the time axis each warning day covers, from its first bucket to the end of its last, with its breaches. */
export function warningSpans(options: { buckets: readonly ForecastBucket[]; rows: readonly ForecastRow[] }): Array<{ date: string; x1: number; x2: number; breaches: number }> {
  return options.rows
    .filter((row) => row.warning)
    .flatMap((row) => {
      const inDay = options.buckets.filter((b) => b.date === row.date);
      const first = inDay[0];
      const last = inDay[inDay.length - 1];
      return first && last ? [{ date: row.date, x1: first.t, x2: last.t + BUCKET_MS, breaches: row.breaches }] : [];
    });
}
