import { describe, expect, it } from 'vitest';
import { describeSignal, riskiestCase, riskLevel } from './risk';

describe('risk display', () => {
  it('reads fractions and percentages alike', () => {
    expect(riskLevel(0.82)).toEqual({ level: 'high', percent: 82 });
    expect(riskLevel(82)).toEqual({ level: 'high', percent: 82 });
    expect(riskLevel(40).level).toBe('medium');
    expect(riskLevel(0.39).level).toBe('low');
  });

  it('spells out a churn signal with its detail and weight', () => {
    expect(describeSignal({ code: 'churn_intent', detail: '"never buy from you again"', weight: 30 })).toBe('churn intent: "never buy from you again" (+30)');
    expect(describeSignal('no_progress')).toBe('no progress');
  });

  it('gives a customer the risk of their riskiest case in hand, not of one already resolved', () => {
    const cases = [
      { id: 'a', state: 'resolved' as const, risk: { score: 0.9 } },
      { id: 'b', state: 'open' as const, risk: { score: 0.3 } },
      { id: 'c', state: 'pending' as const, risk: { score: 70 } },
    ];
    expect(riskiestCase(cases)?.id).toBe('c');
    expect(riskiestCase(cases.slice(0, 1))).toBeUndefined();
  });
});
