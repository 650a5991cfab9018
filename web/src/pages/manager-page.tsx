// What a manager watches: escalations, breaches, at-risk cases and each agent's load.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listCases } from '../api/cases';
import { listCommitments } from '../api/commitments';
import { fetchAgentLoad } from '../api/reports';
import { CaseTable } from '../components/case-table';
import { ErrorNote, Loading } from '../components/query-state';
import { formatTime } from '../lib/format';
import { useNow } from '../lib/use-now';

export function ManagerPage() {
  const now = useNow();
  const escalated = useQuery({ queryKey: ['cases', 'escalated', ''], queryFn: () => listCases({ queue: 'escalated' }) });
  const atRisk = useQuery({ queryKey: ['cases', 'at_risk', ''], queryFn: () => listCases({ queue: 'at_risk' }) });
  const breached = useQuery({ queryKey: ['commitments', 'breached'], queryFn: () => listCommitments({ state: 'breached' }) });
  const load = useQuery({ queryKey: ['reports', 'agents'], queryFn: fetchAgentLoad });

  return (
    <div className="manager-page">
      <h1>Manager</h1>
      <div className="grid-2">
        <section aria-labelledby="esc-title">
          <h2 id="esc-title">Escalations</h2>
          {escalated.isPending && <Loading what="escalations" />}
          {escalated.isError && <ErrorNote error={escalated.error} />}
          {escalated.data && <CaseTable cases={escalated.data.items} now={now} caption="Escalated cases" />}
        </section>
        <section aria-labelledby="risk-title">
          <h2 id="risk-title">At risk</h2>
          {atRisk.isPending && <Loading what="at-risk cases" />}
          {atRisk.isError && <ErrorNote error={atRisk.error} />}
          {atRisk.data && <CaseTable cases={atRisk.data.items} now={now} caption="Cases with commitments at risk" />}
        </section>
        <section aria-labelledby="breach-title">
          <h2 id="breach-title">Breached commitments</h2>
          {breached.isPending && <Loading what="breaches" />}
          {breached.isError && <ErrorNote error={breached.error} />}
          {breached.data && breached.data.length === 0 && <p className="muted">None.</p>}
          {breached.data && breached.data.length > 0 && (
            <table className="compact">
              <caption className="visually-hidden">Breached commitments</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Was due</th>
                  <th scope="col">Case</th>
                </tr>
              </thead>
              <tbody>
                {breached.data.map((m) => (
                  <tr key={m.id}>
                    <td>{m.kind}</td>
                    <td>{formatTime(m.due_at)}</td>
                    <td>{m.case_id ? <Link to={`/cases/${m.case_id}`}>{m.case_id}</Link> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
