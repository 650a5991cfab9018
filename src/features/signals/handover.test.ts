import { describe, expect, it } from 'vitest';
import type { AssignableAgent } from './assignment.js';
import { planHandover } from './handover.js';

const agent = (id: string, overrides: Partial<AssignableAgent> = {}): AssignableAgent => ({
  id,
  role: 'agent',
  skills: ['en'],
  capacity: 2,
  openCases: 0,
  outOfOffice: false,
  lastAssignedAt: null,
  ...overrides,
});

describe('an owner out of office hands their cases on', () => {
  const at = new Date('2026-12-01T09:00:00Z');

  it('spreads the cases round the team, each with a note', () => {
    const agents = [agent('agt_away', { outOfOffice: true, openCases: 3 }), agent('agt_b'), agent('agt_c')];
    const plans = planHandover({
      agents,
      at,
      cases: ['cas_1', 'cas_2', 'cas_3'].map((caseId) => ({ caseId, ownerId: 'agt_away' })),
    });
    expect(plans.map((plan) => plan.toOwnerId)).toEqual(['agt_b', 'agt_c', 'agt_b']);
    expect(plans[0]!.note).toContain('out of office');
  });

  it('sends a case to the agent who knew the customer, and leaves unassigned what nobody can take', () => {
    const agents = [agent('agt_away', { outOfOffice: true }), agent('agt_b', { capacity: 1 }), agent('agt_c', { capacity: 1 })];
    const plans = planHandover({
      agents,
      at,
      cases: [
        { caseId: 'cas_1', ownerId: 'agt_away', customerPreviousOwnerId: 'agt_c' },
        { caseId: 'cas_2', ownerId: 'agt_away' },
        { caseId: 'cas_3', ownerId: 'agt_away' },
      ],
    });
    expect(plans.map((plan) => [plan.caseId, plan.toOwnerId])).toEqual([
      ['cas_1', 'agt_c'],
      ['cas_2', 'agt_b'],
      ['cas_3', null],
    ]);
    expect(plans[2]!.note).toContain('unassigned');
  });

  it('leaves the cases of owners who are in alone', () => {
    expect(planHandover({ agents: [agent('agt_b')], at, cases: [{ caseId: 'cas_1', ownerId: 'agt_b' }] })).toEqual([]);
  });
});
