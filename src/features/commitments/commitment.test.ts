import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/app-error.js';
import type { AgentId, CommitmentId } from '../../shared/values.js';
import { keepCommitment, reviseCommitment, waiveCommitment, type Commitment } from './commitment.js';

const breached: Commitment = {
  id: 'com_1' as CommitmentId,
  kind: 'follow_up',
  state: 'breached',
  policyId: 'survey-follow-up',
  openedAt: new Date('2026-11-23T10:00:00Z'),
  dueAt: new Date('2026-11-25T10:00:00Z'),
  calendarName: 'default',
  ownerId: null,
  ownerRole: 'agent',
  caseId: null,
  customerId: null,
  orderId: null,
  openedBy: 'evt_1',
  fulfilledBy: null,
  fulfilledAt: null,
  pausedAt: null,
  atRiskAt: null,
  breachedAt: new Date('2026-11-25T10:00:00Z'),
  keptLate: false,
  waivedBy: null,
  waivedReason: null,
  reasonCode: null,
};
const boss = { id: 'agt_boss' as AgentId, role: 'manager' as const };
const at = new Date('2026-11-26T09:00:00Z');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('a breached commitment stays owed until kept late or waived', () => {
  it('is kept late', () => {
    expect(keepCommitment(breached, { by: 'msg_9', at })).toMatchObject({ state: 'kept', keptLate: true, fulfilledBy: 'msg_9' });
  });

  it('is waived by a manager with a reason, never by an agent or without one', () => {
    expect(waiveCommitment(breached, { by: boss, reason: ' Customer asked us not to call ', at })).toMatchObject({ state: 'waived', waivedBy: boss.id, waivedReason: 'Customer asked us not to call' });
    expect(codeOf(() => waiveCommitment(breached, { by: { id: 'agt_a' as AgentId, role: 'agent' }, reason: 'no', at }))).toBe('forbidden');
    expect(codeOf(() => waiveCommitment(breached, { by: boss, reason: '  ', at }))).toBe('validation_failed');
  });

  it('cannot be kept or waived twice', () => {
    const kept = keepCommitment(breached, { by: 'msg_9', at });
    expect(codeOf(() => keepCommitment(kept, { by: 'msg_10', at }))).toBe('conflict');
    expect(codeOf(() => waiveCommitment(kept, { by: boss, reason: 'dup', at }))).toBe('conflict');
  });
});

describe('a person revises an open commitment', () => {
  const open: Commitment = { ...breached, state: 'open', breachedAt: null, atRiskAt: new Date('2026-11-25T09:00:00Z') };
  const friday = new Date('2026-11-27T10:00:00Z');

  it('moves its deadline, and it is no longer at risk until the new at-risk time', () => {
    expect(reviseCommitment(open, { dueAt: friday, at })).toMatchObject({ state: 'open', dueAt: friday, atRiskAt: null });
  });

  it('gives it another owner, who keeps it as a manager or an agent', () => {
    expect(reviseCommitment(open, { owner: { id: boss.id, role: 'manager' }, at })).toMatchObject({ ownerId: boss.id, ownerRole: 'manager', dueAt: open.dueAt });
  });

  it('dismisses it: closed, neither kept nor breached', () => {
    expect(reviseCommitment(open, { dismiss: true, at })).toMatchObject({ state: 'dismissed', fulfilledAt: at, fulfilledBy: null, breachedAt: null });
  });

  it('refuses a breached, kept or dismissed one', () => {
    expect(codeOf(() => reviseCommitment(breached, { dueAt: friday, at }))).toBe('conflict');
    expect(codeOf(() => reviseCommitment(breached, { dismiss: true, at }))).toBe('conflict');
    expect(codeOf(() => reviseCommitment(reviseCommitment(open, { dismiss: true, at }), { dismiss: true, at }))).toBe('conflict');
  });
});
