// The seven queues; j/k move through the cases, Enter opens one.
import { useEffect, useRef, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, NavLink, useNavigate, useParams } from 'react-router';
import type { CaseState, Queue } from '../api/types';
import { ChannelIcons } from '../components/channel-icons';
import { CountdownText } from '../components/countdown';
import { ErrorNote, Loading } from '../components/query-state';
import { RiskBadge } from '../components/risk-badge';
import { isTypingTarget, nextIndex } from '../lib/list-navigation';
import { useNow } from '../lib/use-now';
import { caseQueueQuery } from '../api/queries';

export const QUEUES: Array<{ id: Queue; name: string }> = [
  { id: 'mine', name: 'Mine' },
  { id: 'unassigned', name: 'Unassigned' },
  { id: 'at_risk', name: 'At risk' },
  { id: 'escalated', name: 'Escalated' },
  { id: 'breached', name: 'Breached' },
  { id: 'recovery', name: 'Recovery' },
  { id: 'automatic', name: 'Automatic' },
];

function isQueue(value: string | undefined): value is Queue {
  return QUEUES.some((q) => q.id === value);
}

export function InboxPage() {
  const params = useParams();
  const queue: Queue = isQueue(params['queue']) ? params['queue'] : 'mine';
  const [state, setState] = useState<CaseState | ''>('');
  const [selected, setSelected] = useState(-1);
  const navigate = useNavigate();
  const now = useNow();
  const links = useRef<Array<HTMLAnchorElement | null>>([]);

  const cases = useInfiniteQuery(caseQueueQuery(queue, state));
  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection resets when the queue or the state filter changes
  useEffect(() => setSelected(-1), [queue, state]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target as HTMLElement | null)) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const index = nextIndex({ current: selected, key: event.key, length: items.length });
        setSelected(index);
        links.current[index]?.focus();
      } else if (event.key === 'Enter' && selected >= 0 && document.activeElement === document.body) {
        const chosen = items[selected];
        if (chosen) navigate(`/cases/${chosen.id}`);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, selected, navigate]);

  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">Inbox</h1>
        <p className="muted hint">
          <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open
        </p>
      </div>
      <nav aria-label="Queues" className="tabs">
        {QUEUES.map((q) => (
          <NavLink key={q.id} to={`/inbox/${q.id}`}>
            {q.name}
          </NavLink>
        ))}
      </nav>
      <div className="filters">
        <label htmlFor="state-filter">State</label>
        <select id="state-filter" value={state} onChange={(e) => setState(e.target.value as CaseState | '')}>
          <option value="">Any</option>
          <option value="open">Open</option>
          <option value="pending">Pending</option>
          <option value="resolved">Resolved</option>
        </select>
      </div>
      {cases.isPending && <Loading what="cases" />}
      {cases.isError && <ErrorNote error={cases.error} />}
      {cases.isSuccess && items.length === 0 && <p className="muted">No cases in this queue.</p>}
      {items.length > 0 && (
        <table className="cases">
          <caption className="visually-hidden">Cases in the {QUEUES.find((q) => q.id === queue)?.name} queue</caption>
          <thead>
            <tr>
              <th scope="col">Next deadline</th>
              <th scope="col">Case</th>
              <th scope="col">Customer</th>
              <th scope="col">Channels</th>
              <th scope="col">Risk</th>
              <th scope="col">Owner</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, index) => (
              <tr key={c.id} className={index === selected ? 'selected' : undefined}>
                <td>
                  <CountdownText dueAt={c.next_due_at} now={now} />
                </td>
                <td className="subject">
                  <Link
                    to={`/cases/${c.id}`}
                    ref={(el) => {
                      links.current[index] = el;
                    }}
                    onFocus={() => setSelected(index)}
                  >
                    {c.subject || `Case ${c.id}`}
                  </Link>
                  {c.escalated && <span className="tag tag-escalated">escalated</span>}
                </td>
                <td>{c.customer_name ?? c.customer_id}</td>
                <td>
                  <ChannelIcons channels={c.channels} />
                </td>
                <td>
                  <RiskBadge score={c.risk.score} />
                </td>
                <td>{c.owner_name ?? <span className="muted">unassigned</span>}</td>
                <td>{c.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cases.hasNextPage && (
        <button type="button" onClick={() => void cases.fetchNextPage()} disabled={cases.isFetchingNextPage}>
          {cases.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
