// What one console shows, and so which live events its stream carries: a case page hears of its case only,
// lists of cases hear of every case, a dashboard of everything. The console says it with `?show=` on
// GET /api/v1/stream; without it a stream carries everything, as before.
import type { LiveEvent } from './live-event.js';

export interface LiveScope {
  /** Every event (dashboards, and any client that does not say). */
  all: boolean;
  /** Every case's changes, and commitment changes of any case: lists and queues of cases show their commitments' state. */
  cases: boolean;
  /** Every commitment's changes (the manager's lists of commitments). */
  commitments: boolean;
  /** These cases' changes and their commitments' (an open case). */
  caseIds: ReadonlySet<string>;
}

/** Most cases one stream may name: a page shows one, a split view a few. */
export const maxScopedCases = 20;

export const everything: LiveScope = { all: true, cases: false, commitments: false, caseIds: new Set() };

/**
 * Reads `show`: comma-separated `all`, `cases`, `commitments`, `case:<id>` or `none` (the stream's state only).
 * Returns the scope, or the reason it cannot be read.
 */
export function parseLiveScope(show: string | undefined): LiveScope | { error: string } {
  if (show === undefined) return everything;
  const scope = { all: false, cases: false, commitments: false, caseIds: new Set<string>() };
  for (const item of show.split(',').map((part) => part.trim())) {
    if (item === 'all') scope.all = true;
    else if (item === 'cases') scope.cases = true;
    else if (item === 'commitments') scope.commitments = true;
    else if (item === 'none' || item === '') continue;
    else if (item.startsWith('case:') && item.length > 'case:'.length && item.length <= 105) scope.caseIds.add(item.slice('case:'.length));
    else return { error: `show: "${item.slice(0, 40)}" is none of all, cases, commitments, case:<id>, none` };
  }
  if (scope.caseIds.size > maxScopedCases) return { error: `show: at most ${maxScopedCases} cases` };
  return scope;
}

/** Whether a stream showing `scope` carries `event`. */
export function scopeWants(scope: LiveScope, event: LiveEvent): boolean {
  if (scope.all) return true;
  const caseId = event.data.case_id;
  if (event.type === 'commitment.updated' && scope.commitments) return true;
  if (caseId === null) return false;
  return scope.cases || scope.caseIds.has(caseId);
}
