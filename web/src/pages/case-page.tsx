// One case: the customer's timeline and the composer on the left; owner, actions, commitments on the right.
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { assignCase, escalateCase, resolveCase } from '../api/cases';
import { waiveCommitment } from '../api/commitments';
import type { CaseDetail } from '../api/types';
import { useAgent } from '../auth/session';
import { AttachmentsPanel } from '../components/attachments-panel';
import { ChannelIcons } from '../components/channel-icons';
import { CountdownText } from '../components/countdown';
import { FormActions, PromiseControls } from '../components/promises-list';
import { ErrorNote, Loading } from '../components/query-state';
import { RiskBadge } from '../components/risk-badge';
import { TimelineList } from '../components/timeline-list';
import { formatTime } from '../lib/format';
import { describePromiseHistory, mayRevisePromise, promiseCommitmentsOf } from '../lib/promises';
import { describeSignal } from '../lib/risk';
import { useNow } from '../lib/use-now';
import { Composer } from './composer';
import { agentsQuery, caseQuery, customerQuery, queryKeys, timelineQuery } from '../api/queries';
import { AssistPanel } from '../components/assist-panel';
import { CaseCaveats, type CaseCaveat } from '../components/caveat-views';

export function CasePage() {
  const id = useParams()['id'] ?? '';
  const agent = useAgent();
  const found = useQuery(caseQuery(id));
  const [draft, setDraft] = useState<{ body: string; at: number } | null>(null);
  const timeline = useQuery(timelineQuery(found.data?.customer_id));

  if (found.isPending) return <Loading what="case" />;
  if (found.isError) return <ErrorNote error={found.error} />;
  const c = found.data;

  return (
    <div className="case-page">
      <div className="case-main">
        <div className="page-head">
          <h1>{c.subject || `Case ${c.id}`}</h1>
          <ChannelIcons channels={c.channels} />
        </div>
        <Composer caseId={c.id} authorId={agent.id} channels={c.channels} draft={draft} />
        <AssistPanel caseId={c.id} messages={c.messages.filter((message) => message.direction === 'in')} onUseReply={(body) => setDraft({ body, at: Date.now() })} />
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          {timeline.isPending && <Loading what="timeline" />}
          {timeline.isError && <ErrorNote error={timeline.error} />}
          {timeline.data && <TimelineList items={timeline.data} caseId={c.id} />}
        </section>
      </div>
      <aside className="case-side" aria-label="Case details">
        <CaseFacts c={c} />
        <CaseActions c={c} />
        <Commitments c={c} />
        <Promises c={c} />
        <Documents c={c} />
        <AttachmentsPanel c={c} />
        <CaseCaveats caveats={(c as { caveats?: CaseCaveat[] }).caveats} />
      </aside>
    </div>
  );
}

function CaseFacts({ c }: { c: CaseDetail }) {
  return (
    <section aria-labelledby="facts-title">
      <h2 id="facts-title">Case</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd>{c.state}</dd>
        <dt>Customer</dt>
        <dd>
          <CustomerLink customerId={c.customer_id} />
        </dd>
        <dt>Escalated</dt>
        <dd>{c.escalated ? 'yes' : 'no'}</dd>
        <dt>Risk</dt>
        <dd>
          <RiskBadge score={c.risk.score} />
        </dd>
      </dl>
      {c.risk.signals && c.risk.signals.length > 0 && (
        <ul className="signals" aria-label="Risk signals">
          {c.risk.signals.map((s, i) => (
            <li key={i}>{describeSignal(s)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The customer by name (else their first identity), linking to the customer view. */
function CustomerLink({ customerId }: { customerId: string }) {
  const customer = useQuery(customerQuery(customerId));
  const label = customer.data ? (customer.data.name ?? customer.data.identities[0]?.value ?? 'Unnamed customer') : 'Open customer';
  return <Link to={`/customers/${customerId}`}>{label}</Link>;
}

function CaseActions({ c }: { c: CaseDetail }) {
  const client = useQueryClient();
  const agents = useQuery(agentsQuery());
  const [owner, setOwner] = useState(c.owner_id ?? '');
  const [note, setNote] = useState('');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.case(c.id) });
    void client.invalidateQueries({ queryKey: queryKeys.cases });
    void client.invalidateQueries({ queryKey: queryKeys.timeline });
  };
  const assign = useMutation({ mutationFn: () => assignCase(c.id, owner), onSuccess: refresh });
  const escalate = useMutation({
    mutationFn: () => escalateCase(c.id, note),
    onSuccess: () => {
      setNote('');
      refresh();
    },
  });
  const resolve = useMutation({ mutationFn: () => resolveCase(c.id), onSuccess: refresh });
  const ownerName = agents.data?.find((a) => a.id === c.owner_id)?.name;

  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Owner and actions</h2>
      <p>
        Owner: <strong>{c.owner_id ? (ownerName ?? c.owner_id) : 'unassigned'}</strong>
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (owner) assign.mutate();
        }}
      >
        <label htmlFor="assign-owner">Assign to</label>
        <select id="assign-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">Choose…</option>
          {agents.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.role})
            </option>
          ))}
        </select>
        <button type="submit" disabled={!owner || owner === c.owner_id || assign.isPending}>
          Assign
        </button>
      </form>
      {assign.isError && <ErrorNote error={assign.error} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          escalate.mutate();
        }}
      >
        <label htmlFor="escalate-note">Escalation note</label>
        <textarea id="escalate-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" disabled={!note.trim() || escalate.isPending}>
          Escalate to a manager
        </button>
      </form>
      {escalate.isError && <ErrorNote error={escalate.error} />}
      <button type="button" className="resolve" onClick={() => resolve.mutate()} disabled={c.state === 'resolved' || resolve.isPending}>
        {c.state === 'resolved' ? 'Resolved' : 'Resolve case'}
      </button>
      {resolve.isError && <ErrorNote error={resolve.error} />}
    </section>
  );
}

function Commitments({ c }: { c: CaseDetail }) {
  const now = useNow();
  const agent = useAgent();
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.case(c.id) });
    void client.invalidateQueries({ queryKey: queryKeys.timeline });
  };
  return (
    <section aria-labelledby="commitments-title">
      <h2 id="commitments-title">Commitments</h2>
      {c.commitments.length === 0 && <p className="muted">None.</p>}
      <ul className="commitments">
        {c.commitments.map((m) => (
          <li key={m.id} className={`commitment commitment-${m.state}`}>
            <strong>{m.kind}</strong> <span className="tag">{m.state}</span>{' '}
            {m.state === 'open' ? <CountdownText dueAt={m.due_at} now={now} /> : <span className="muted">due {formatTime(m.due_at)}</span>}
            {m.state === 'open' && agent.role !== 'agent' && <WaiveControl commitmentId={m.id} kind={m.kind} onWaived={refresh} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A manager's "Waive" for an open commitment: the reason is required and recorded with their name. */
function WaiveControl({ commitmentId, kind, onWaived }: { commitmentId: string; kind: string; onWaived: () => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const waive = useMutation({ mutationFn: () => waiveCommitment(commitmentId, reason.trim()), onSuccess: onWaived });
  if (!open) {
    return (
      <button type="button" className="small" aria-label={`Waive ${kind}`} onClick={() => setOpen(true)}>
        Waive
      </button>
    );
  }
  return (
    <form
      className="waive"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) waive.mutate();
      }}
    >
      <label htmlFor={`${id}-reason`}>Why waive {kind}</label>
      <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
      <FormActions label="Waive commitment" disabled={!reason.trim() || waive.isPending} error={waive.error} onCancel={() => setOpen(false)} />
    </form>
  );
}

/** The promises made in words on the case: what was read, what agents changed, and Correct / Dismiss. */
function Promises({ c }: { c: CaseDetail }) {
  const agent = useAgent();
  const client = useQueryClient();
  const agents = useQuery(agentsQuery());
  const promises = promiseCommitmentsOf(c.commitments);
  if (promises.length === 0) return null;
  const nameOf = (id: string) => agents.data?.find((a) => a.id === id)?.name ?? id;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.case(c.id) });
    void client.invalidateQueries({ queryKey: queryKeys.timeline });
  };
  return (
    <section aria-labelledby="promises-title">
      <h2 id="promises-title">Promises</h2>
      <ul className="commitments">
        {promises.map((m) => (
          <li key={m.id} className={`commitment commitment-${m.state}`}>
            <strong>{m.kind}</strong> <span className="tag">{m.state}</span> <span className="muted">due {formatTime(m.due_at)}</span>
            {m.details.promise?.phrase && (
              <p>
                <q>{m.details.promise.phrase}</q>
                {m.details.vague && <span className="muted"> (no time was given)</span>}
              </p>
            )}
            {describePromiseHistory(m, nameOf, formatTime).map((line) => (
              <p key={line} className="muted">
                {line}
              </p>
            ))}
            {m.state === 'open' && mayRevisePromise({ agent, commitment: m, caseOwnerId: c.owner_id }) && <PromiseControls key={m.due_at} commitmentId={m.id} dueAt={m.due_at} onChanged={refresh} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Documents({ c }: { c: CaseDetail }) {
  if (c.documents.length === 0) return null;
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      <ul>
        {c.documents.map((d) => (
          <li key={d.id}>
            {d.kind}: <strong>{d.state}</strong>
            <span className="muted">
              {' '}
              requested {formatTime(d.requested_at)}
              {d.received_at && `, received ${formatTime(d.received_at)}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
