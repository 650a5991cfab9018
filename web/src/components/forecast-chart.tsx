// The surge forecast (GET /reports/forecast): the warning banner, the coming days against capacity, and the
// day table with the numbers `kept forecast` prints.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import type { Forecast } from '../api/types';
import { dayStarts, forecastBuckets, forecastRows, forecastSummary, forecastWarning, warningSpans } from '../lib/forecast';
import { formatTime } from '../lib/format';
import { Chart } from './chart';

/** The banner above the dashboard: the day a breach wave starts and how many days ahead it is. */
export function ForecastBanner({ forecast }: { forecast: Forecast }) {
  const warning = forecastWarning(forecast);
  if (!warning) {
    return (
      <p className="forecast-clear" data-forecast="clear">
        No breach wave projected: with the configured staffing, first responses keep their {forecast.firstResponseHours} h deadline for the next {forecast.days.length} days.
      </p>
    );
  }
  return (
    <div className="forecast-warning" role="alert" data-forecast="warning" data-warning-day={warning.day}>
      <strong>{warning.headline}</strong> {warning.detail}
      {warning.days.length > 1 && <span> Days at risk: {warning.days.join(', ')}.</span>}
    </div>
  );
}

export function ForecastChart({ forecast }: { forecast: Forecast }) {
  const rows = forecastRows(forecast);
  const buckets = forecastBuckets(forecast);
  const ticks = dayStarts(buckets);
  const spans = warningSpans({ buckets, rows });
  const dayAt = (t: number) => ticks.find((b) => b.t === t)?.day ?? '';
  const labelAt = (t: unknown) => buckets.find((b) => b.t === t)?.label ?? '';
  return (
    <Chart
      id="forecast"
      title={`Forecast: contacts against capacity, ${rows[0]?.date ?? ''} to ${rows[rows.length - 1]?.date ?? ''}`}
      summary={forecastSummary(forecast)}
      note={`Every 4 hours: arrivals and capacity summed, the backlog at its peak; shaded days break the ${forecast.firstResponseHours} h first-response deadline. Fitted on ${forecast.history.contacts} contacts since ${formatTime(forecast.history.from)}; ${forecast.startingBacklog} waiting for a first response now.`}
    >
      <ComposedChart data={buckets}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} ticks={ticks.map((b) => b.t)} tickFormatter={dayAt} />
        <YAxis allowDecimals={false} />
        <Tooltip labelFormatter={labelAt} />
        <Legend />
        {spans.map((span) => (
          <ReferenceArea
            key={span.date}
            x1={span.x1}
            x2={span.x2}
            fill="#ffcecb"
            fillOpacity={0.6}
            ifOverflow="hidden"
            label={{ value: `${span.breaches} breaches`, position: 'insideTop', fill: '#a40e26', fontSize: 12 }}
          />
        ))}
        <Area type="monotone" dataKey="backlog" name="backlog (peak)" stroke="#9a6700" fill="#fff1c2" isAnimationActive={false} />
        <Line type="monotone" dataKey="arrivals" name="arrivals" stroke="#0969da" dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="capacity" name="capacity" stroke="#1a7f37" strokeDasharray="5 3" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </Chart>
  );
}

export function ForecastTable({ forecast }: { forecast: Forecast }) {
  const rows = forecastRows(forecast);
  return (
    <details className="forecast-days">
      <summary>
        The forecast day by day (as <code>kept forecast</code> prints it)
      </summary>
      <table className="compact numbers">
        <caption className="visually-hidden">Projected contacts per day against capacity</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Arrivals</th>
            <th scope="col">Capacity</th>
            <th scope="col">Backlog</th>
            <th scope="col">At risk</th>
            <th scope="col">Breaches</th>
            <th scope="col">Uplift</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.date} className={row.warning ? 'warn-row' : undefined}>
              <th scope="row">
                {row.date} {row.weekday}
                {row.warning && <span className="tag tag-escalated">breaks</span>}
              </th>
              <td>{row.arrivals.toLocaleString('en-US')}</td>
              <td>{row.capacity.toLocaleString('en-US')}</td>
              <td>{row.backlog.toLocaleString('en-US')}</td>
              <td>{row.atRisk.toLocaleString('en-US')}</td>
              <td>{row.breaches.toLocaleString('en-US')}</td>
              <td>{row.uplift}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
