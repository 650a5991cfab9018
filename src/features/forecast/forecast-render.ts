// The forecast on the terminal (a table and an asciichart plot) and as series for the console's chart.
import asciichart from 'asciichart';
import type { Forecast } from './forecast-model.js';

const r = (v: number): string => Math.round(v).toLocaleString('en-US');

/** One line per day: arrivals, capacity, peak backlog, breaches, and ⚠ on days that warn. */
export function formatForecastTable(forecast: Pick<Forecast, 'days' | 'warningDay' | 'warningInDays' | 'firstResponseHours'>): string {
  const head = `${'date'.padEnd(15)}${'arrivals'.padStart(10)}${'capacity'.padStart(10)}${'backlog'.padStart(9)}${'at risk'.padStart(9)}${'breaches'.padStart(10)}  uplift`;
  const rows = forecast.days.map((d) => {
    const day = new Date(`${d.date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
    return `${`${d.date} ${day}`.padEnd(15)}${r(d.arrivals).padStart(10)}${r(d.capacity).padStart(10)}${r(d.peakBacklog).padStart(9)}${r(d.peakAtRisk).padStart(9)}${r(d.breaches).padStart(10)}  ${d.uplift === 1 ? '' : `×${d.uplift}`}${d.warning ? '  ⚠ first responses will break' : ''}`;
  });
  const warn = forecast.warningDay
    ? `Warning: ${forecast.warningInDays ? `in ${forecast.warningInDays} day${forecast.warningInDays === 1 ? '' : 's'}, ` : ''}from ${forecast.warningDay}${forecast.warningInDays ? '' : ' (the first day of the forecast)'}, the backlog makes ${forecast.firstResponseHours} h first-response deadlines break.`
    : `No day breaks the ${forecast.firstResponseHours} h first-response deadline with this staffing.`;
  return [head, ...rows, '', warn].join('\n');
}

/** Series in `bucketHours` buckets: arrivals, capacity and backlog, for the console's chart. */
export function forecastChartData(forecast: Forecast, bucketHours = 4): { labels: string[]; series: Array<{ name: string; values: number[] }> } {
  const labels: string[] = [];
  const arrivals: number[] = [];
  const capacity: number[] = [];
  const backlog: number[] = [];
  for (let i = 0; i < forecast.hours.length; i += bucketHours) {
    const bucket = forecast.hours.slice(i, i + bucketHours);
    labels.push(bucket[0]?.hour ?? '');
    arrivals.push(bucket.reduce((s, h) => s + h.arrivals, 0));
    capacity.push(bucket.reduce((s, h) => s + h.capacity, 0));
    backlog.push(Math.max(...bucket.map((h) => h.backlog)));
  }
  return {
    labels,
    series: [
      { name: 'arrivals', values: arrivals },
      { name: 'capacity', values: capacity },
      { name: 'backlog', values: backlog },
    ],
  };
}

/** A terminal line chart of arrivals (blue), capacity (green) and backlog (red); colours only for a terminal. */
export function formatForecastChart(forecast: Forecast, options: { height?: number; colors?: boolean } = {}): string {
  const height = options.height ?? 12;
  const data = forecastChartData(forecast, Math.max(1, Math.ceil(forecast.hours.length / 100)));
  const series = data.series.map((s) => s.values.map((v) => Math.round(v)));
  const chart = asciichart.plot(series, { height, ...(options.colors === false ? {} : { colors: [asciichart.blue, asciichart.green, asciichart.red] }) });
  return `${chart}\n  ${forecast.days[0]?.date ?? ''} → ${forecast.days[forecast.days.length - 1]?.date ?? ''}   ${options.colors === false ? 'series: arrivals, capacity, backlog' : 'arrivals (blue) · capacity (green) · backlog (red)'}`;
}
