// Charts of how well promises are kept: kept vs breached, backlog, first response, breaches by kind, NPS.
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fetchDashboard } from '../api/reports';
import { ErrorNote, Loading } from '../components/query-state';

function Chart({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="visually-hidden">{summary}</p>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function DashboardPage() {
  const report = useQuery({ queryKey: ['reports', 'dashboard'], queryFn: fetchDashboard });
  if (report.isPending) return <Loading what="dashboard" />;
  if (report.isError) return <ErrorNote error={report.error} />;
  const d = report.data;
  const kept = d.kept_vs_breached.reduce((n, r) => n + r.kept, 0);
  const breached = d.kept_vs_breached.reduce((n, r) => n + r.breached, 0);

  return (
    <div className="dashboard">
      <div className="page-head">
        <h1>Dashboard</h1>
        {d.loop_closure_rate !== undefined && (
          <p className="stat">
            Loop closure <strong>{Math.round(d.loop_closure_rate * 100)}%</strong>
          </p>
        )}
      </div>
      <div className="charts">
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
        <Chart id="backlog" title="Open cases (backlog)" summary={`Backlog over ${d.backlog.length} days.`}>
          <AreaChart data={d.backlog}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Area type="monotone" dataKey="open" stroke="#0969da" fill="#b6d4fe" isAnimationActive={false} />
          </AreaChart>
        </Chart>
        <Chart id="first-response" title="First response time (minutes)" summary="Number of cases by first-response time bucket.">
          <BarChart data={d.first_response_minutes}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bucket" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" fill="#8250df" isAnimationActive={false} />
          </BarChart>
        </Chart>
        <Chart id="breaches-by-kind" title="Breaches by kind" summary={d.breaches_by_kind.map((b) => `${b.kind}: ${b.count}`).join(', ') || 'No breaches.'}>
          <BarChart data={d.breaches_by_kind} layout="vertical">
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="kind" width={110} />
            <Tooltip />
            <Bar dataKey="count" fill="#cf222e" isAnimationActive={false} />
          </BarChart>
        </Chart>
        {d.nps && d.nps.length > 0 && (
          <Chart id="nps" title="NPS by week" summary={`NPS over ${d.nps.length} weeks.`}>
            <LineChart data={d.nps}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis domain={[-100, 100]} />
              <Tooltip />
              <Line type="monotone" dataKey="nps" stroke="#0969da" isAnimationActive={false} />
            </LineChart>
          </Chart>
        )}
      </div>
    </div>
  );
}
