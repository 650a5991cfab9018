// A dashboard chart: a captioned figure, a sentence for screen readers, and a responsive Recharts container.
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

export function Chart({ id, title, summary, children, note }: { id: string; title: string; summary: string; children: ReactElement; note?: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="visually-hidden">{summary}</p>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      {note && <p className="chart-note muted">{note}</p>}
    </figure>
  );
}
