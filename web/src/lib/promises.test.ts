import { describe, expect, it } from 'vitest';
import type { Commitment } from '../api/types';
import { describePromiseHistory, fromLocalInput, isPromiseCommitment, mayRevisePromise, promiseCommitmentsOf, toLocalInput, type PromiseCommitment } from './promises';

const base: Commitment = { id: 'com_1', kind: 'callback', state: 'open', due_at: '2026-12-04T10:00:00.000Z', owner_id: 'agt_ada', case_id: 'cas_1', opened_by: 'message:msg_1', fulfilled_by: null };
const promised: PromiseCommitment = {
  ...base,
  details: { source: 'promise', author_id: 'agt_ada', promise: { kind: 'callback', owner: 'author', phrase: "I'll call you tomorrow.", due_at: '2026-12-03T17:00:00.000Z', vague: false } },
};

describe('promises on a case', () => {
  it('keeps the commitments a promise in words opened, soonest first', () => {
    const policy: Commitment = { ...base, id: 'com_2', kind: 'first_response', details: {} };
    const later: PromiseCommitment = { ...promised, id: 'com_3', due_at: '2026-12-05T10:00:00.000Z' };
    expect(isPromiseCommitment(policy)).toBe(false);
    expect(promiseCommitmentsOf([later, policy, promised]).map((c) => c.id)).toEqual(['com_1', 'com_3']);
  });

  it('offers the controls to the author, the case owner and managers only', () => {
    expect(mayRevisePromise({ agent: { id: 'agt_ada', role: 'agent' }, commitment: promised, caseOwnerId: 'agt_bo' })).toBe(true);
    expect(mayRevisePromise({ agent: { id: 'agt_bo', role: 'agent' }, commitment: promised, caseOwnerId: 'agt_bo' })).toBe(true);
    expect(mayRevisePromise({ agent: { id: 'agt_max', role: 'manager' }, commitment: promised, caseOwnerId: 'agt_bo' })).toBe(true);
    expect(mayRevisePromise({ agent: { id: 'agt_cy', role: 'agent' }, commitment: promised, caseOwnerId: 'agt_bo' })).toBe(false);
  });

  it('tells what agents changed and why', () => {
    const changed: PromiseCommitment = {
      ...promised,
      details: {
        ...promised.details,
        corrections: [{ at: '2026-12-02T11:00:00Z', by: 'agt_ada', due_at: { from: '2026-12-03T17:00:00.000Z', to: '2026-12-04T10:00:00.000Z' }, note: 'out on Thursday' }],
        dismissal: { at: '2026-12-02T12:00:00Z', by: 'agt_max', note: 'the courier calls, not us' },
      },
    };
    const names: Record<string, string> = { agt_ada: 'Ada', agt_max: 'Max' };
    expect(
      describePromiseHistory(
        changed,
        (id) => names[id] ?? id,
        (iso) => iso.slice(5, 16),
      ),
    ).toEqual(['Corrected by Ada: time 12-03T17:00 → 12-04T10:00 (out on Thursday)', 'Dismissed by Max: the courier calls, not us']);
  });

  it('turns the time typed in the browser into an ISO time and back', () => {
    const iso = fromLocalInput('2026-12-04T10:00');
    expect(iso).toBe(new Date(2026, 11, 4, 10, 0).toISOString());
    expect(toLocalInput(iso!)).toBe('2026-12-04T10:00');
    expect(fromLocalInput('Friday')).toBeNull();
  });
});
