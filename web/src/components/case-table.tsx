// A compact list of cases, for the manager's view and the customer's page.
import { Link } from 'react-router';
import type { CaseSummary } from '../api/types';
import { CountdownText } from './countdown';
import { RiskBadge } from './risk-badge';
import { useShowMore } from './show-more';

export function CaseTable({ cases, now, caption, limit = 10 }: { cases: CaseSummary[]; now: number; caption: string; limit?: number }) {
  const { shown, toggle } = useShowMore(cases, limit);
  if (cases.length === 0) return <p className="muted">None.</p>;
  return (
    <>
      <table className="cases compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Deadline</th>
            <th scope="col">Case</th>
            <th scope="col">Owner</th>
            <th scope="col">Risk</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id}>
              <td>
                <CountdownText dueAt={c.next_due_at} now={now} />
              </td>
              <td>
                <Link to={`/cases/${c.id}`}>{c.subject || `Case ${c.id}`}</Link> <span className="muted">{c.customer_name}</span>
              </td>
              <td>{c.owner_name ?? <span className="muted">unassigned</span>}</td>
              <td>
                <RiskBadge score={c.risk.score} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {toggle}
    </>
  );
}
