// One customer: identities (with merge), orders and their history, value, risk and its signals.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { fetchCustomer, fetchTimeline, mergeCustomer } from '../api/customers';
import { ErrorNote, Loading } from '../components/query-state';
import { RiskBadge } from '../components/risk-badge';
import { TimelineList } from '../components/timeline-list';
import { formatMoney, formatSpend, formatTime } from '../lib/format';
import { describeSignal } from '../lib/risk';

export function CustomerPage() {
  const id = useParams()['id'] ?? '';
  const client = useQueryClient();
  const customer = useQuery({ queryKey: ['customer', id], queryFn: () => fetchCustomer(id) });
  const timeline = useQuery({ queryKey: ['timeline', id], queryFn: () => fetchTimeline(id) });
  const [other, setOther] = useState('');
  const merge = useMutation({
    mutationFn: () => mergeCustomer(id, other.trim()),
    onSuccess: () => {
      setOther('');
      void client.invalidateQueries({ queryKey: ['customer', id] });
      void client.invalidateQueries({ queryKey: ['timeline', id] });
    },
  });

  if (customer.isPending) return <Loading what="customer" />;
  if (customer.isError) return <ErrorNote error={customer.error} />;
  const c = customer.data;

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
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (other.trim() && window.confirm(`Merge customer ${other.trim()} into ${c.name ?? c.id}? Their history moves here.`)) merge.mutate();
            }}
          >
            <label htmlFor="merge-other">Merge another customer (id) into this one</label>
            <input id="merge-other" value={other} onChange={(e) => setOther(e.target.value)} />
            <button type="submit" disabled={!other.trim() || merge.isPending}>
              Merge
            </button>
          </form>
          {merge.isError && <ErrorNote error={merge.error} />}
          {merge.isSuccess && <p role="status">Merged.</p>}
        </section>
        <section aria-labelledby="value-title">
          <h2 id="value-title">Value and risk</h2>
          <dl className="facts">
            <dt>Orders</dt>
            <dd>{c.value.order_count}</dd>
            <dt>Spend</dt>
            <dd>{formatSpend(c.value.spend_minor)}</dd>
            <dt>Risk</dt>
            <dd>{c.risk ? <RiskBadge score={c.risk.score} /> : <span className="muted">scored on each case</span>}</dd>
          </dl>
          <h3>Signals</h3>
          {c.risk?.signals && c.risk.signals.length > 0 ? (
            <ul className="signals">
              {c.risk.signals.map((s, i) => (
                <li key={i}>{describeSignal(s)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No risk signals.</p>
          )}
        </section>
      </div>
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
