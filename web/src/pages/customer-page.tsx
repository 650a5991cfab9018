// One customer: identities (with merge), their cases, orders and their history, value, risk and its signals.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { CaseTable } from '../components/case-table';
import { MergeCustomer } from '../components/merge-customer';
import { ErrorNote, Loading } from '../components/query-state';
import { RiskBadge } from '../components/risk-badge';
import { TimelineList } from '../components/timeline-list';
import { formatMoney, formatSpend, formatTime } from '../lib/format';
import { describeSignal, riskiestCase } from '../lib/risk';
import { useNow } from '../lib/use-now';
import { caseQuery, customerCasesQuery, customerQuery, timelineQuery } from '../api/queries';

export function CustomerPage() {
  const id = useParams()['id'] ?? '';
  const now = useNow();
  const customer = useQuery(customerQuery(id));
  const timeline = useQuery(timelineQuery(id));
  const cases = useQuery(customerCasesQuery(id));
  // Risk is scored per case: the customer's is that of their riskiest case in hand, with its signals.
  const riskiest = cases.data ? riskiestCase(cases.data.items) : undefined;
  const risk = useQuery({ ...caseQuery(riskiest?.id ?? ''), enabled: riskiest !== undefined });

  if (customer.isPending) return <Loading what="customer" />;
  if (customer.isError) return <ErrorNote error={customer.error} />;
  const c = customer.data;
  const signals = risk.data?.risk.signals ?? [];

  return (
    <div className="customer-page">
      <h1>{c.name ?? `Customer ${c.id}`}</h1>
      <div className="grid-2">
        <section aria-labelledby="identities-title">
          <h2 id="identities-title">Identities</h2>
          <ul>
            {c.identities.map((identity) => (
              <li key={`${identity.kind}:${identity.value}`}>
                <span className="muted">{identity.kind}</span> {identity.value}
              </li>
            ))}
          </ul>
          <MergeCustomer customer={c} />
        </section>
        <section aria-labelledby="value-title">
          <h2 id="value-title">Value and risk</h2>
          <dl className="facts">
            <dt>Orders</dt>
            <dd>{c.value.order_count}</dd>
            <dt>Spend</dt>
            <dd>{formatSpend(c.value.spend_minor)}</dd>
            <dt>Risk</dt>
            <dd>
              {riskiest ? (
                <>
                  <RiskBadge score={riskiest.risk.score} /> <span className="muted">from </span>
                  <Link to={`/cases/${riskiest.id}`}>{riskiest.subject || `case ${riskiest.id}`}</Link>
                </>
              ) : (
                <span className="muted">no case in hand</span>
              )}
            </dd>
          </dl>
          <h3>Signals</h3>
          {signals.length > 0 ? (
            <ul className="signals">
              {signals.map((s, i) => (
                <li key={i}>{describeSignal(s)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No risk signals.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="cases-title">
        <h2 id="cases-title">Cases</h2>
        {cases.isPending && <Loading what="cases" />}
        {cases.isError && <ErrorNote error={cases.error} />}
        {cases.data && <CaseTable cases={cases.data.items} now={now} caption={`Cases of ${c.name ?? c.id}`} />}
      </section>
      <section aria-labelledby="orders-title">
        <h2 id="orders-title">Orders</h2>
        {c.orders.length === 0 && <p className="muted">No orders.</p>}
        {c.orders.map((order) => (
          <details key={order.id} className="order">
            <summary>
              Order <strong>{order.number}</strong> — {order.state} — {formatMoney(order.total)}
            </summary>
            <table>
              <caption className="visually-hidden">State history of order {order.number}</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">State</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {order.history.map((h, i) => (
                  <tr key={i}>
                    <td>{formatTime(h.at)}</td>
                    <td>{h.state}</td>
                    <td>{h.reason_code ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ))}
      </section>
      <section aria-labelledby="ctimeline-title">
        <h2 id="ctimeline-title">Timeline</h2>
        {timeline.isPending && <Loading what="timeline" />}
        {timeline.isError && <ErrorNote error={timeline.error} />}
        {timeline.data && <TimelineList items={timeline.data} />}
      </section>
    </div>
  );
}
