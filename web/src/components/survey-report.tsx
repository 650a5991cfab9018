// The survey report (GET /reports/surveys): NPS, CSAT, response rate and loop closure as tiles, NPS by week as a chart.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SurveyReport } from '../api/types';
import { formatNps, surveyTiles } from '../lib/surveys';
import { Chart } from './chart';

export function SurveyTiles({ report }: { report: SurveyReport }) {
  return (
    <section className="tiles" aria-labelledby="surveys-title" data-surveys>
      <h2 id="surveys-title" className="visually-hidden">
        Surveys and loop closure
      </h2>
      {surveyTiles(report).map((tile) => (
        <div key={tile.id} className="tile" data-tile={tile.id}>
          <p className="tile-label">{tile.label}</p>
          <p className="tile-value">{tile.value}</p>
          <p className="tile-detail muted">{tile.detail}</p>
        </div>
      ))}
    </section>
  );
}

export function NpsChart({ report }: { report: SurveyReport }) {
  const weeks = report.nps.weekly.map((w) => ({ week: w.week_start, nps: w.nps, answers: w.responses }));
  const summary = weeks.length ? `NPS by week: ${weeks.map((w) => `week of ${w.week} ${formatNps(w.nps)} (${w.answers} answers)`).join('; ')}.` : 'No survey answers in the last 12 weeks.';
  return (
    <Chart id="nps" title="NPS by week" summary={summary}>
      <ComposedChart data={weeks}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" />
        <YAxis yAxisId="nps" domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} />
        <YAxis yAxisId="answers" orientation="right" allowDecimals={false} />
        <Tooltip />
        <Legend />
        <ReferenceLine yAxisId="nps" y={0} stroke="#59636e" />
        <Bar yAxisId="answers" dataKey="answers" fill="#d0d7de" isAnimationActive={false} />
        <Line yAxisId="nps" type="monotone" dataKey="nps" name="NPS" stroke="#0969da" strokeWidth={2} connectNulls isAnimationActive={false} />
      </ComposedChart>
    </Chart>
  );
}
