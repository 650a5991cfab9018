// Lists the promises a reply makes and the commitments they opened, and lets the agent correct a promise
// Kept read (its time, its owner) or dismiss it with a note.
import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { correctPromise, dismissPromise } from '../api/commitments';
import type { Commitment, OpenedCommitment, ReplyPromise } from '../api/types';
import { formatTime } from '../lib/format';
import { fromLocalInput, toLocalInput } from '../lib/promises';
import { ErrorNote } from './query-state';
import { agentsQuery } from '../api/queries';

/** The promises a reply makes (or made), each of which becomes a commitment with a deadline. */
export function PromisesList({ promises, opened, title, onChanged }: { promises: ReplyPromise[]; opened?: OpenedCommitment[]; title: string; onChanged?: () => void }) {
  if (promises.length === 0 && (!opened || opened.length === 0)) return null;
  return (
    <section className="promises" aria-label={title}>
      <h4>{title}</h4>
      <ul>
        {promises.map((p, index) => (
          <li key={`p-${index}`}>
            <strong>{p.kind}</strong> {p.phrase && <q>{p.phrase}</q>} — {p.due_at ? `due ${formatTime(p.due_at)}` : 'no time given'}
            {p.warning && <p className="warning">{p.warning}</p>}
          </li>
        ))}
        {opened?.map((c) => (
          <li key={c.id}>
            Commitment <strong>{c.kind}</strong> opened, due {formatTime(c.due_at)}
            <PromiseControls commitmentId={c.id} dueAt={c.due_at} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Correct" (time, owner, note) and "Dismiss" (note) for one open commitment a promise opened. */
export function PromiseControls({ commitmentId, dueAt, onChanged }: { commitmentId: string; dueAt: string; onChanged?: (() => void) | undefined }) {
  const id = useId();
  const [mode, setMode] = useState<'idle' | 'correct' | 'dismiss'>('idle');
  const [due, setDue] = useState(toLocalInput(dueAt));
  const [owner, setOwner] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<Commitment | null>(null);
  const agents = useQuery({ ...agentsQuery(), enabled: mode === 'correct' });
  const done = (updated: Commitment) => {
    setResult(updated);
    setMode('idle');
    setNote('');
    onChanged?.();
  };
  const dueIso = fromLocalInput(due);
  const timeChanged = dueIso !== null && dueIso !== new Date(result?.due_at ?? dueAt).toISOString();
  const correct = useMutation({
    mutationFn: () => correctPromise(commitmentId, { ...(timeChanged && dueIso ? { due_at: dueIso } : {}), ...(owner ? { owner_id: owner } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: done,
  });
  const dismiss = useMutation({ mutationFn: () => dismissPromise(commitmentId, note.trim()), onSuccess: done });

  if (result?.state === 'dismissed') return <p className="muted">Dismissed.</p>;
  return (
    <div className="promise-controls">
      {result && <p className="muted">Corrected: due {formatTime(result.due_at)}.</p>}
      {mode === 'idle' && (
        <>
          <button type="button" className="small" onClick={() => setMode('correct')}>
            Correct
          </button>{' '}
          <button type="button" className="small" onClick={() => setMode('dismiss')}>
            Dismiss
          </button>
        </>
      )}
      {mode === 'correct' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (timeChanged || owner) correct.mutate();
          }}
        >
          <label htmlFor={`${id}-due`}>Promised time</label>
          <input id={`${id}-due`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          <label htmlFor={`${id}-owner`}>Owner</label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">Unchanged</option>
            {agents.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.role})
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-note`}>Note</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
          <FormActions label="Save correction" disabled={(!timeChanged && !owner) || correct.isPending} error={correct.error} onCancel={() => setMode('idle')} />
        </form>
      )}
      {mode === 'dismiss' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) dismiss.mutate();
          }}
        >
          <label htmlFor={`${id}-why`}>Why dismiss it (recorded with your name)</label>
          <input id={`${id}-why`} value={note} onChange={(e) => setNote(e.target.value)} />
          <FormActions label="Dismiss promise" disabled={!note.trim() || dismiss.isPending} error={dismiss.error} onCancel={() => setMode('idle')} />
        </form>
      )}
    </div>
  );
}

/** A form's submit and Cancel buttons, with the request's error below them. */
export function FormActions({ label, disabled, error, onCancel }: { label: string; disabled: boolean; error: Error | null; onCancel: () => void }) {
  return (
    <>
      <button type="submit" disabled={disabled}>
        {label}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error && <ErrorNote error={error} />}
    </>
  );
}
