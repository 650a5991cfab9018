// The manager's dashboard: the coming days' forecast with its warning, surveys and loop closure, and how well
// promises were kept — kept vs breached, backlog, first response, breaches by kind.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../api/types';
import { Chart } from '../components/chart';
import { CaveatSummary, type CaveatCounts } from '../components/caveat-views';
import { ForecastBanner, ForecastChart, ForecastTable } from '../components/forecast-chart';
import { ErrorNote, Loading } from '../components/query-state';
import { NpsChart, SurveyTiles } from '../components/survey-report';
import { dashboardQuery, forecastQuery, surveyReportQuery } from '../api/queries';

const PERIODS = [7, 14, 30, 90];

export function DashboardPage() {
  const [days, setDays] = useState(14);
  const report = useQuery(dashboardQuery(days));
  const surveys = useQuery(surveyReportQuery());
  const forecast = useQuery(forecastQuery());

  return (
    <div className="dashboard">
      <div className="page-head">
        <h1>Dashboard</h1>
        <div className="row">
          <label htmlFor="dashboard-days">History</label>
          <select id="dashboard-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                last {n} days
              </option>
            ))}
          </select>
        </div>
      </div>
      {forecast.isPending && <Loading what="forecast" />}
      {forecast.isError && <ErrorNote error={forecast.error} />}
      {forecast.data && <ForecastBanner forecast={forecast.data} />}
      {surveys.isPending && <Loading what="survey report" />}
      {surveys.isError && <ErrorNote error={surveys.error} />}
      {surveys.data && <SurveyTiles report={surveys.data} />}
      <div className="charts">
        {forecast.data && <ForecastChart forecast={forecast.data} />}
        {surveys.data && <NpsChart report={surveys.data} />}
        {report.isPending && <Loading what="dashboard" />}
        {report.isError && <ErrorNote error={report.error} />}
        {report.data && <HistoryCharts d={report.data} />}
      </div>
      {forecast.data && <ForecastTable forecast={forecast.data} />}
    </div>
  );
}

function HistoryCharts({ d }: { d: Dashboard }) {
  const kept = d.kept_vs_breached.reduce((n, r) => n + r.kept, 0);
  const breached = d.kept_vs_breached.reduce((n, r) => n + r.breached, 0);
  const waiting = d.first_response_waiting ? `${d.first_response_waiting} still waiting for a first reply.` : undefined;
  return (
    <>
      <Chart id="kept" title="Commitments kept vs breached" summary={`${kept} kept and ${breached} breached over ${d.kept_vs_breached.length} days.`}>
        <LineChart data={d.kept_vs_breached}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="kept" stroke="#1a7f37" isAnimationActive={false} />
          <Line type="monotone" dataKey="breached" stroke="#cf222e" isAnimationActive={false} />
        </LineChart>
      </Chart>
      <Chart id="backlog" title="Open cases (backlog)" summary={`Backlog over ${d.backlog.length} days, ${d.backlog[d.backlog.length - 1]?.open ?? 0} open at the end.`}>
        <AreaChart data={d.backlog}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Area type="monotone" dataKey="open" stroke="#0969da" fill="#b6d4fe" isAnimationActive={false} />
        </AreaChart>
      </Chart>
      <Chart
        id="first-response"
        title="First response time"
        summary={`Cases by first-response time: ${d.first_response_minutes.map((b) => `${b.bucket}: ${b.count}`).join(', ')}. ${waiting ?? ''}`}
        note={waiting}
      >
        <BarChart data={d.first_response_minutes}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name="cases" fill="#8250df" isAnimationActive={false} />
        </BarChart>
      </Chart>
      <CaveatSummary counts={(d as { caveats?: CaveatCounts }).caveats} />
      <Chart id="breaches-by-kind" title="Breaches by kind" summary={d.breaches_by_kind.map((b) => `${b.kind}: ${b.count}`).join(', ') || 'No breaches.'}>
        <BarChart data={d.breaches_by_kind} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="kind" width={110} />
          <Tooltip />
          <Bar dataKey="count" name="breaches" fill="#cf222e" isAnimationActive={false} />
        </BarChart>
      </Chart>
    </>
  );
}
