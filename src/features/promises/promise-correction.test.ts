import { describe, expect, it } from 'vitest';
import { correctedDetails, dismissedDetails, readPromiseDetails, requirePromiseReviser } from './promise-correction.js';

const details = { source: 'promise', promise: { kind: 'callback', phrase: "I'll call you tomorrow." }, vague: false, message_id: 'msg_1', author_id: 'agt_ada' };
const at = new Date('2026-12-02T11:00:00Z');

describe('who may correct or dismiss a promise', () => {
  const ask =
    (by: { agentId: string | null; role: 'agent' | 'manager' | 'admin' }, caseOwnerId: string | null = 'agt_owner') =>
    () =>
      requirePromiseReviser({ details, commitmentId: 'com_1', by, authorId: 'agt_ada', caseOwnerId });

  it('lets the author, the case owner, a manager and an admin', () => {
    expect(ask({ agentId: 'agt_ada', role: 'agent' })).not.toThrow();
    expect(ask({ agentId: 'agt_owner', role: 'agent' })).not.toThrow();
    expect(ask({ agentId: 'agt_max', role: 'manager' })).not.toThrow();
    expect(ask({ agentId: null, role: 'admin' })).not.toThrow();
  });

  it('refuses any other agent', () => {
    expect(ask({ agentId: 'agt_bob', role: 'agent' })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(ask({ agentId: 'agt_bob', role: 'agent' }, null)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('touches only commitments opened from a promise', () => {
    expect(readPromiseDetails({ document_id: 'doc_1' })).toBeNull();
    expect(() => requirePromiseReviser({ details: {}, commitmentId: 'com_2', by: { agentId: null, role: 'admin' }, authorId: null, caseOwnerId: null })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe('what a commitment keeps of a correction or a dismissal', () => {
  const parsed = readPromiseDetails(details)!;

  it('keeps the words as read and appends each correction with who, when, from and to', () => {
    const once = correctedDetails({
      details: parsed,
      by: { agentId: 'agt_ada', role: 'agent' },
      at,
      before: { dueAt: new Date('2026-12-03T17:00:00Z'), ownerId: 'agt_ada' },
      dueAt: new Date('2026-12-04T10:00:00Z'),
      note: 'the customer is out tomorrow',
    });
    const twice = correctedDetails({ details: once, by: { agentId: null, role: 'admin' }, at, before: { dueAt: new Date('2026-12-04T10:00:00Z'), ownerId: 'agt_ada' }, ownerId: 'agt_max' });
    expect(twice.promise).toEqual(details.promise);
    expect(twice.corrections).toEqual([
      { at: at.toISOString(), by: 'agt_ada', due_at: { from: '2026-12-03T17:00:00.000Z', to: '2026-12-04T10:00:00.000Z' }, note: 'the customer is out tomorrow' },
      { at: at.toISOString(), by: 'admin', owner_id: { from: 'agt_ada', to: 'agt_max' } },
    ]);
  });

  it('makes a vague promise timed once the agent gives the time', () => {
    const vague = readPromiseDetails({ ...details, vague: true })!;
    expect(correctedDetails({ details: vague, by: { agentId: 'agt_ada', role: 'agent' }, at, before: { dueAt: at, ownerId: null }, dueAt: new Date('2026-12-04T10:00:00Z') }).vague).toBe(false);
  });

  it('records who dismissed it, when and why', () => {
    expect(dismissedDetails({ details: parsed, by: { agentId: 'agt_ada', role: 'agent' }, at, note: 'quoting our policy, not promising' }).dismissal).toEqual({
      at: at.toISOString(),
      by: 'agt_ada',
      note: 'quoting our policy, not promising',
    });
  });
});
