// The header's search box: `/` focuses it from anywhere but a text field; hits list what matched, marked.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { searchEverything, type SearchHit } from '../api/search';
import { useDebounced } from '../lib/use-debounced';

/** Where a hit leads: a case (or the case of a message), else the customer. */
export function hitLink(hit: SearchHit): string | null {
  if (hit.case_id) return `/cases/${encodeURIComponent(hit.case_id)}`;
  if (hit.customer_id) return `/customers/${encodeURIComponent(hit.customer_id)}`;
  return null;
}

function Marked({ text, ranges }: { text: string; ranges: Array<[number, number]> }) {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], index) => {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={index}>{text.slice(start, end)}</mark>);
    at = end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const typeNames: Record<SearchHit['type'], string> = { customer: 'Customer', order: 'Order', case: 'Case', message: 'Message' };

export function SearchBox() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const settled = useDebounced(text.trim(), 250);
  const found = useQuery({ queryKey: ['search', settled], queryFn: () => searchEverything(settled), enabled: settled.length >= 2, staleTime: 10_000 });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if (event.key === '/' && !typing && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        input.current?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function go(hit: SearchHit) {
    const link = hitLink(hit);
    if (!link) return;
    setOpen(false);
    setText('');
    void navigate(link);
  }

  const hits = settled.length >= 2 ? (found.data?.items ?? []) : [];
  return (
    <search className="search">
      <label htmlFor="search-input" className="visually-hidden">
        Search Kept (customers, orders, cases, conversations)
      </label>
      <input
        id="search-input"
        ref={input}
        type="search"
        placeholder="Search ( / )"
        value={text}
        autoComplete="off"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
          if (event.key === 'Enter' && hits[0]) go(hits[0]);
        }}
      />
      {open && settled.length >= 2 && (
        <ul className="search-hits" aria-label="Search results">
          {found.isPending && <li className="muted">Searching…</li>}
          {found.isSuccess && hits.length === 0 && <li className="muted">Nothing found for “{settled}”.</li>}
          {hits.map((hit) => (
            <li key={`${hit.type}:${hit.id}`}>
              <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => go(hit)}>
                <span className="search-type">{typeNames[hit.type]}</span> <span className="search-title">{hit.title}</span>
                <span className="search-match">
                  <Marked text={hit.matched.text} ranges={hit.matched.ranges} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </search>
  );
}
