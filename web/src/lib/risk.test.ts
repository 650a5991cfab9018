import { describe, expect, it } from 'vitest';
import { describeSignal, riskLevel } from './risk';

describe('risk display', () => {
  it('reads fractions and percentages alike', () => {
    expect(riskLevel(0.82)).toEqual({ level: 'high', percent: 82 });
    expect(riskLevel(82)).toEqual({ level: 'high', percent: 82 });
    expect(riskLevel(40).level).toBe('medium');
    expect(riskLevel(0.39).level).toBe('low');
  });

  it('spells out a churn signal with its detail and weight', () => {
    expect(describeSignal({ code: 'churn_intent', detail: '"never buy from you again"', weight: 30 })).toBe(
      'churn intent: "never buy from you again" (+30)',
    );
    expect(describeSignal('no_progress')).toBe('no progress');
  });
});
