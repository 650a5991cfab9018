import { describe, expect, it } from 'vitest';
import type { AgentId } from '../../shared/values.js';
import { chooseManager, type ManagerLoad } from './choose-manager.js';

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
    const loads = new Map<string, ManagerLoad>(
      ['agt_a', 'agt_b', 'agt_c'].map((m) => [m, { id: id(m), openEscalations: 0, lastAssignedAt: null }]),
    );
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
