import { describe, expect, it } from 'vitest';
import { everything, parseLiveScope, scopeWants, type LiveScope } from './live-scope.js';

const caseA = { type: 'case.updated', data: { case_id: 'cas_a' } } as const;
const caseB = { type: 'case.updated', data: { case_id: 'cas_b' } } as const;
const commitmentOfA = { type: 'commitment.updated', data: { id: 'cmt_1', case_id: 'cas_a' } } as const;
const commitmentOfNoCase = { type: 'commitment.updated', data: { id: 'cmt_2', case_id: null } } as const;
const events = [caseA, caseB, commitmentOfA, commitmentOfNoCase];

const scope = (show: string): LiveScope => {
  const parsed = parseLiveScope(show);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};
const carried = (show: string) => events.filter((event) => scopeWants(scope(show), event));

describe('what a console shows decides what its stream carries', () => {
  it('an open case hears of that case and its commitments only', () => {
    expect(carried('case:cas_a')).toEqual([caseA, commitmentOfA]);
  });

  it('lists of cases hear of every case and every commitment on a case; commitment lists of every commitment', () => {
    expect(carried('cases')).toEqual([caseA, caseB, commitmentOfA]);
    expect(carried('commitments')).toEqual([commitmentOfA, commitmentOfNoCase]);
    expect(carried('case:cas_b,commitments')).toEqual([caseB, commitmentOfA, commitmentOfNoCase]);
  });

  it('a dashboard, and a client that does not say, hear everything; "none" hears nothing', () => {
    expect(carried('all')).toEqual(events);
    expect(parseLiveScope(undefined)).toBe(everything);
    expect(carried('none')).toEqual([]);
  });

  it('refuses what it cannot read, and more than 20 cases', () => {
    expect(parseLiveScope('queue:breached')).toEqual({ error: 'show: "queue:breached" is none of all, cases, commitments, case:<id>, none' });
    expect(parseLiveScope('case:')).toHaveProperty('error');
    expect(parseLiveScope(Array.from({ length: 21 }, (_, i) => `case:c${i}`).join(','))).toEqual({ error: 'show: at most 20 cases' });
  });
});
