import { describe, expect, it } from 'vitest';
import type { AgentId } from '../../shared/values.js';
import type { AgentLoad } from '../agents/agent-load.repo.js';
import { chooseManager, leastLoadedAgent, managerLoadsOf, type ManagerLoad } from './choose-manager.js';

const id = (name: string): AgentId => name as AgentId;

describe('choosing the manager who owns an escalation', () => {
  it('gives it to the manager with the fewest open escalations', () => {
    const managers: ManagerLoad[] = [
      { id: id('agt_a'), openEscalations: 3, lastAssignedAt: null },
      { id: id('agt_b'), openEscalations: 1, lastAssignedAt: new Date('2026-11-23T10:00:00Z') },
    ];
    expect(chooseManager({ managers })).toBe('agt_b');
  });

  it('takes turns among equally loaded managers, and never gives it back to the one who let it breach', () => {
    const loads = new Map<string, ManagerLoad>(['agt_a', 'agt_b', 'agt_c'].map((m) => [m, { id: id(m), openEscalations: 0, lastAssignedAt: null }]));
    const picked: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const chosen = chooseManager({ managers: [...loads.values()] });
      if (!chosen) throw new Error('no manager');
      picked.push(chosen);
      loads.set(chosen, { id: chosen, openEscalations: 0, lastAssignedAt: new Date(Date.UTC(2026, 10, 23, 10, i)) });
    }
    expect(picked).toEqual(['agt_a', 'agt_b', 'agt_c', 'agt_a', 'agt_b', 'agt_c']);
    expect(chooseManager({ managers: [...loads.values()], exclude: [id('agt_a')] })).toBe('agt_b');
    expect(chooseManager({ managers: [{ id: id('agt_a'), openEscalations: 0, lastAssignedAt: null }], exclude: [id('agt_a')] })).toBeNull();
  });
});

describe('one load for every choice', () => {
  const load = (id: string, role: AgentLoad['role'], over: Partial<AgentLoad> = {}): AgentLoad => ({
    id,
    name: id,
    role,
    skills: [],
    capacity: 10,
    outOfOffice: false,
    lastAssignedAt: null,
    openCases: 0,
    openEscalations: 0,
    lastEscalationAt: null,
    ...over,
  });
  const loads = [
    load('agt_a', 'agent', { openCases: 4 }),
    load('agt_b', 'agent', { openCases: 2 }),
    load('agt_c', 'agent', { openCases: 1, outOfOffice: true }),
    load('agt_m', 'manager', { openCases: 0, openEscalations: 2 }),
    load('agt_n', 'manager', { openCases: 9, openEscalations: 1 }),
  ];

  it('reassigns to the agent in the office with the fewest unresolved cases, never the one it leaves', () => {
    expect(leastLoadedAgent(loads, { exclude: null })).toBe('agt_b');
    expect(leastLoadedAgent(loads, { exclude: 'agt_b' })).toBe('agt_a');
  });

  it('spreads escalations by the escalations each manager owes', () => {
    expect(chooseManager({ managers: managerLoadsOf(loads) })).toBe('agt_n');
  });
});
