// Product caveats in the console: on a case, each caveat of the customer's orders with its disclosure and
// the commitment that owes the information; on the dashboard, how many were disclosed and delivered in time.
import { formatTime } from '../lib/format';

export interface CaseCaveat {
  id: string;
  order_number: string;
  code: string;
  text: string;
  disclosure: { state: string | null; due_at: string; disclosed_at: string | null; by: string | null };
  info: { what: string; team: string; state: string | null; due_at: string; provided_at: string | null } | null;
}

export interface CaveatCounts {
  orders: number;
  disclosed_in_time: number;
  disclosed_late: number;
  disclosure_pending: number;
  info_in_time: number;
  info_late: number;
  info_pending: number;
}

export function CaseCaveats({ caveats }: { caveats: CaseCaveat[] | undefined }) {
  if (!caveats || caveats.length === 0) return null;
  return (
    <section aria-labelledby="caveats-title">
      <h2 id="caveats-title">Caveats</h2>
      <ul className="caveats">
        {caveats.map((caveat) => (
          <li key={caveat.id}>
            <strong>{caveat.code}</strong> <span className="muted">(order {caveat.order_number})</span>
            <p>{caveat.text}</p>
            <p className="muted">
              {caveat.disclosure.disclosed_at
                ? `Disclosed ${formatTime(caveat.disclosure.disclosed_at)} (due ${formatTime(caveat.disclosure.due_at)})`
                : `Not disclosed yet: due ${formatTime(caveat.disclosure.due_at)}`}
            </p>
            {caveat.info && (
              <p className={caveat.info.state === 'breached' ? 'caveat-breached' : 'muted'}>
                {caveat.info.provided_at
                  ? `${caveat.info.what} sent ${formatTime(caveat.info.provided_at)}`
                  : `${caveat.info.what} owed by team ${caveat.info.team} by ${formatTime(caveat.info.due_at)} — ${caveat.info.state ?? 'open'}`}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CaveatSummary({ counts }: { counts: CaveatCounts | undefined }) {
  if (!counts) return null;
  return (
    <section aria-labelledby="caveat-counts-title">
      <h2 id="caveat-counts-title">Orders sold with caveats</h2>
      <dl className="facts">
        <dt>Orders</dt>
        <dd>{counts.orders}</dd>
        <dt>Disclosed in time</dt>
        <dd>{counts.disclosed_in_time}</dd>
        <dt>Disclosed late or not at all</dt>
        <dd>{counts.disclosed_late}</dd>
        <dt>Information delivered in time</dt>
        <dd>{counts.info_in_time}</dd>
        <dt>Information late or missing</dt>
        <dd>{counts.info_late}</dd>
      </dl>
    </section>
  );
}
