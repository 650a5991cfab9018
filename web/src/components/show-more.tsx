// Long lists show their first rows and a button for the rest, so a page's other sections stay in view.
import { useState, type ReactNode } from 'react';

export function useShowMore<T>(rows: readonly T[], limit: number): { shown: readonly T[]; toggle: ReactNode } {
  const [all, setAll] = useState(false);
  if (rows.length <= limit) return { shown: rows, toggle: null };
  return {
    shown: all ? rows : rows.slice(0, limit),
    toggle: (
      <button type="button" className="show-more" aria-expanded={all} onClick={() => setAll(!all)}>
        {all ? `Show the first ${limit}` : `Show all ${rows.length}`}
      </button>
    ),
  };
}
