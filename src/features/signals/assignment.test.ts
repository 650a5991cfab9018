import { describe, expect, it } from 'vitest';
import { chooseAssignee, type AssignableAgent } from './assignment.js';

const agent = (id: string, overrides: Partial<AssignableAgent> = {}): AssignableAgent => ({
  id,
  role: 'agent',
  skills: ['en'],
  capacity: 10,
  openCases: 0,
  outOfOffice: false,
  lastAssignedAt: new Date('2026-12-01T09:00:00Z'),
  ...overrides,
});

describe('a case keeps one owner', () => {
  it('stays with its owner, even a busy one', () => {
    const agents = [agent('agt_a', { openCases: 10 }), agent('agt_b', { lastAssignedAt: null })];
    expect(chooseAssignee({ agents, previousOwnerId: 'agt_a' })).toBe('agt_a');
  });

  it('moves on when the owner is out of office', () => {
    const agents = [agent('agt_a', { outOfOffice: true }), agent('agt_b')];
    expect(chooseAssignee({ agents, previousOwnerId: 'agt_a' })).toBe('agt_b');
  });

  it('sends a returning customer back to the agent who knows them', () => {
    const agents = [agent('agt_a', { lastAssignedAt: null }), agent('agt_b', { lastAssignedAt: new Date('2026-12-01T11:00:00Z') })];
    expect(chooseAssignee({ agents, customerPreviousOwnerId: 'agt_b' })).toBe('agt_b');
  });

  it('but not when that agent is full or lacks the skill', () => {
    const agents = [agent('agt_a'), agent('agt_b', { openCases: 10 }), agent('agt_c', { skills: ['de'] })];
    expect(chooseAssignee({ agents, customerPreviousOwnerId: 'agt_b' })).toBe('agt_a');
    expect(chooseAssignee({ agents, customerPreviousOwnerId: 'agt_c', requiredSkills: ['en'] })).toBe('agt_a');
  });

  it('otherwise takes turns: the agent who waited longest, among those with room and the skills', () => {
    const agents = [
      agent('agt_a', { lastAssignedAt: new Date('2026-12-01T10:00:00Z') }),
      agent('agt_b', { lastAssignedAt: new Date('2026-12-01T08:00:00Z'), openCases: 10 }),
      agent('agt_c', { lastAssignedAt: new Date('2026-12-01T09:00:00Z') }),
      agent('agt_d', { lastAssignedAt: new Date('2026-12-01T07:00:00Z'), skills: ['de'] }),
      agent('agt_e', { role: 'admin', lastAssignedAt: null }),
    ];
    expect(chooseAssignee({ agents, requiredSkills: ['en'] })).toBe('agt_c');
    expect(chooseAssignee({ agents, requiredSkills: ['de'] })).toBe('agt_d');
  });

  it('deals cases round the team one by one', () => {
    let agents: AssignableAgent[] = ['agt_a', 'agt_b', 'agt_c'].map((id) => agent(id, { lastAssignedAt: null }));
    const order: string[] = [];
    for (let minute = 0; minute < 6; minute++) {
      const chosen = chooseAssignee({ agents });
      order.push(chosen!);
      agents = agents.map((a) => (a.id === chosen ? { ...a, openCases: a.openCases + 1, lastAssignedAt: new Date(Date.UTC(2026, 11, 1, 9, minute)) } : a));
    }
    expect(order).toEqual(['agt_a', 'agt_b', 'agt_c', 'agt_a', 'agt_b', 'agt_c']);
  });

  it('leaves the case unassigned when nobody can take it', () => {
    expect(chooseAssignee({ agents: [agent('agt_a', { openCases: 10 }), agent('agt_b', { outOfOffice: true })] })).toBeNull();
  });
});
