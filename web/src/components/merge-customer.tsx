// Merging another record of the same person into this customer: find it by email, phone or handle, then confirm.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mergeCustomer } from '../api/customers';
import type { CustomerMatch, IdentityQuery } from '../api/types';
import { identityQuery } from '../lib/identity-query';
import { ErrorNote, Loading } from './query-state';
import { customerSearchQuery, queryKeys } from '../api/queries';

function nameOf(c: { id: string; name: string | null }): string {
  return c.name ?? `Customer ${c.id}`;
}

export function MergeCustomer({ customer }: { customer: { id: string; name: string | null } }) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [lookup, setLookup] = useState<IdentityQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [candidate, setCandidate] = useState<CustomerMatch | null>(null);
  const [merged, setMerged] = useState<string | null>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  const found = useQuery(customerSearchQuery(lookup));
  const merge = useMutation({
    mutationFn: (other: CustomerMatch) => mergeCustomer(customer.id, other.id),
    onSuccess: (_result, other) => {
      setMerged(nameOf(other));
      setCandidate(null);
      setLookup(null);
      setText('');
      void client.invalidateQueries({ queryKey: queryKeys.customer(customer.id) });
      void client.invalidateQueries({ queryKey: queryKeys.timeline });
      void client.invalidateQueries({ queryKey: queryKeys.cases });
    },
  });

  // The confirmation takes the focus, so a keyboard user lands on the question being asked.
  useEffect(() => {
    if (candidate) confirmRef.current?.focus();
  }, [candidate]);

  function search(event: FormEvent) {
    event.preventDefault();
    const parsed = identityQuery(text);
    setMerged(null);
    setCandidate(null);
    if ('error' in parsed) {
      setProblem(parsed.error);
      setLookup(null);
      return;
    }
    setProblem(null);
    setLookup(parsed.query);
  }

  return (
    <div className="merge">
      <h3>Merge a duplicate</h3>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search role is the ARIA pattern every reader supports */}
      <form className="row" onSubmit={search} role="search" aria-label="Find the customer to merge">
        <label htmlFor="merge-search">Find by email, phone or handle</label>
        <input id="merge-search" value={text} onChange={(e) => setText(e.target.value)} placeholder="bo@example.com" aria-describedby={problem ? 'merge-problem' : undefined} />
        <button type="submit">Find</button>
      </form>
      {problem && (
        <p id="merge-problem" className="error" role="alert">
          {problem}
        </p>
      )}
      {found.isFetching && <Loading what="customers" />}
      {found.isError && <ErrorNote error={found.error} />}
      {lookup && found.data && !candidate && (
        <div role="status">
          {found.data.length === 0 && <p className="muted">No customer has that identity.</p>}
          <ul className="matches">
            {found.data.map((match) => (
              <li key={match.id}>
                <strong>{nameOf(match)}</strong> <span className="muted">{match.identities.map((i) => `${i.kind} ${i.value}`).join(' · ')}</span>{' '}
                {match.id === customer.id ? (
                  <span className="muted">— this is the customer you are looking at.</span>
                ) : (
                  <button type="button" onClick={() => setCandidate(match)}>
                    Merge {nameOf(match)} into {nameOf(customer)}…
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {candidate && (
        <section className="confirm" aria-labelledby="merge-confirm-title">
          <h4 id="merge-confirm-title" tabIndex={-1} ref={confirmRef}>
            Merge {nameOf(candidate)} into {nameOf(customer)}?
          </h4>
          <p>
            {nameOf(candidate)}’s identities ({candidate.identities.map((i) => i.value).join(', ') || 'none'}), orders, cases and history move to {nameOf(customer)}, and the two records become one
            customer. A merge cannot be undone.
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={() => merge.mutate(candidate)} disabled={merge.isPending}>
              {merge.isPending ? 'Merging…' : 'Confirm merge'}
            </button>
            <button type="button" onClick={() => setCandidate(null)} disabled={merge.isPending}>
              Cancel
            </button>
          </div>
          {merge.isError && <ErrorNote error={merge.error} />}
        </section>
      )}
      {merged && (
        <p role="status" className="ok">
          Merged {merged} into {nameOf(customer)}.
        </p>
      )}
    </div>
  );
}
