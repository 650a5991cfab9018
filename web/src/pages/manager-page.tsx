// What a manager watches: escalations, breaches, at-risk cases and each agent's load.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CaseTable } from '../components/case-table';
import { ErrorNote, Loading } from '../components/query-state';
import { useShowMore } from '../components/show-more';
import { describeKinds, groupBreaches, type BreachRow } from '../lib/breaches';
import { formatTime } from '../lib/format';
import { useNow } from '../lib/use-now';
import { agentLoadQuery, commitmentsQuery, queueFirstPageQuery } from '../api/queries';

// The API lists breached commitments earliest deadline first, at most this many.
const BREACHES_READ = 1000;

export function ManagerPage() {
  const now = useNow();
  const escalated = useQuery(queueFirstPageQuery('escalated'));
  const atRisk = useQuery(queueFirstPageQuery('at_risk'));
  const breached = useQuery(commitmentsQuery('breached', BREACHES_READ));
  const breachedCases = useQuery(queueFirstPageQuery('breached', 200));
  const load = useQuery(agentLoadQuery());

  return (
    <div className="manager-page">
      <h1>Manager</h1>
      <div className="grid-2">
        <section aria-labelledby="esc-title">
          <h2 id="esc-title">Escalations</h2>
          <p className="muted">
            Cases a customer asked a manager about, or whose deadlines escalated. <Link to="/inbox/escalated">The whole queue</Link>
          </p>
          {escalated.isPending && <Loading what="escalations" />}
          {escalated.isError && <ErrorNote error={escalated.error} />}
          {escalated.data && <CaseTable cases={escalated.data.items} now={now} caption="Escalated cases" />}
        </section>
        <section aria-labelledby="breach-title">
          <h2 id="breach-title">Breaches</h2>
          {breached.isPending && <Loading what="breaches" />}
          {breached.isError && <ErrorNote error={breached.error} />}
          {breached.data && <BreachTable rows={groupBreaches({ breached: breached.data, cases: breachedCases.data?.items ?? [] })} truncated={breached.data.length >= BREACHES_READ} />}
        </section>
        <section aria-labelledby="risk-title">
          <h2 id="risk-title">At risk</h2>
          <p className="muted">
            Cases with a commitment close to its deadline. <Link to="/inbox/at_risk">The whole queue</Link>
          </p>
          {atRisk.isPending && <Loading what="at-risk cases" />}
          {atRisk.isError && <ErrorNote error={atRisk.error} />}
          {atRisk.data && <CaseTable cases={atRisk.data.items} now={now} caption="Cases with commitments at risk" />}
        </section>
        <section aria-labelledby="load-title">
          <h2 id="load-title">Agent load</h2>
          {load.isPending && <Loading what="agent load" />}
          {load.isError && <ErrorNote error={load.error} />}
          {load.data && (
            <table className="compact">
              <caption className="visually-hidden">Open cases and at-risk commitments per agent</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Open cases</th>
                  <th scope="col">At risk</th>
                </tr>
              </thead>
              <tbody>
                {load.data.map((a) => (
                  <tr key={a.agent_id}>
                    <td>{a.name}</td>
                    <td>{a.open_cases}</td>
                    <td className={a.at_risk > 0 ? 'warn' : undefined}>{a.at_risk}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

function BreachTable({ rows, truncated }: { rows: BreachRow[]; truncated: boolean }) {
  const { shown, toggle } = useShowMore(rows, 10);
  if (rows.length === 0) return <p className="muted">None.</p>;
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <>
      <p className="muted">
        {truncated ? `The ${total} earliest breached commitments (there are more)` : `${total} breached commitment${total === 1 ? '' : 's'}`} on {rows.length} case
        {rows.length === 1 ? '' : 's'}, latest first. Each stays here until it is kept late or waived.
      </p>
      <table className="compact">
        <caption className="visually-hidden">Breached commitments by case</caption>
        <thead>
          <tr>
            <th scope="col">Last due</th>
            <th scope="col">Case</th>
            <th scope="col">Broken</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.caseId ?? row.latestDueAt}>
              <td>{formatTime(row.latestDueAt)}</td>
              <td>
                {row.caseId ? <Link to={`/cases/${row.caseId}`}>{row.summary?.subject || `Case ${row.caseId}`}</Link> : <span className="muted">no case</span>}{' '}
                <span className="muted">{row.summary?.customer_name}</span>
              </td>
              <td>{describeKinds(row.kinds)}</td>
              <td>{row.summary?.owner_name ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {toggle}
    </>
  );
}
