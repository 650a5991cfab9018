import { describe, expect, it } from 'vitest';
import { computeRisk, HIGH_RISK_THRESHOLD, isHighRisk, riskInputsSchema, type RiskInputs } from './risk.js';

const calm: RiskInputs = {
  managerRequested: false,
  churnIntent: false,
  sentiments: [0.2],
  repeatedContacts: 0,
  distinctAgentsReplied: 1,
  breachedCommitments: 0,
  customerValue: { orderCount: 2, spendMinor: 8_000, currency: 'EUR' },
};

const codes = (inputs: RiskInputs) => computeRisk(inputs).signals.map((signal) => signal.code);

describe('risk of losing a customer, with its reasons', () => {
  it('a calm first message carries no risk', () => {
    expect(computeRisk(calm)).toEqual({ score: 0, signals: [] });
  });

  it('the groundhog-day customer (28 emails, many agents, asks for a manager) is high risk with every reason shown', () => {
    const inputs: RiskInputs = {
      ...calm,
      managerRequested: true,
      sentiments: [0.1, -0.1, -0.3, -0.5, -0.6],
      repeatedContacts: 27,
      distinctAgentsReplied: 9,
      breachedCommitments: 1,
    };
    const risk = computeRisk(inputs);
    expect(codes(inputs)).toEqual(['manager_request', 'negative_sentiment', 'sentiment_falling', 'repeated_contact', 'many_agents', 'breached_commitment']);
    expect(risk.score).toBe(1);
    expect(isHighRisk(risk.score)).toBe(true);
    for (const signal of risk.signals) {
      expect(signal.detail.length).toBeGreaterThan(10);
      expect(signal.weight).toBeGreaterThan(0);
    }
  });

  it('"I doubt I\'ll ever buy from you again" from a valuable customer is high risk', () => {
    const risk = computeRisk({ ...calm, churnIntent: true, customerValue: { orderCount: 14, spendMinor: 230_000, currency: 'EUR' } });
    expect(risk.signals.map((s) => s.code)).toEqual(['churn_intent', 'high_value']);
    expect(risk.score).toBeGreaterThanOrEqual(HIGH_RISK_THRESHOLD);
    expect(risk.signals[1]!.detail).toContain('14 orders');
  });

  it('a polite manager request alone is not yet high risk', () => {
    const risk = computeRisk({ ...calm, managerRequested: true });
    expect(risk.score).toBe(0.25);
    expect(isHighRisk(risk.score)).toBe(false);
  });

  it('value alone is no risk: a happy loyal customer is not flagged', () => {
    expect(computeRisk({ ...calm, customerValue: { orderCount: 50, spendMinor: 900_000, currency: 'USD' } }).signals).toEqual([]);
  });

  it('weighs repeated contact by how many messages went unanswered, up to a cap', () => {
    const weight = (repeatedContacts: number) => computeRisk({ ...calm, repeatedContacts }).signals.find((s) => s.code === 'repeated_contact')?.weight ?? 0;
    expect(weight(1)).toBe(0);
    expect(weight(2)).toBe(0.05);
    expect(weight(4)).toBe(0.15);
    expect(weight(40)).toBe(0.2);
  });

  it('weighs sentiment by how negative the last messages are', () => {
    const weight = (sentiments: number[]) => computeRisk({ ...calm, sentiments }).signals.find((s) => s.code === 'negative_sentiment')?.weight ?? 0;
    expect(weight([-0.1])).toBe(0);
    expect(weight([-0.25])).toBe(0.1);
    expect(weight([-0.9])).toBe(0.2);
    expect(weight([-0.9, 0.5, 0.5, 0.5])).toBe(0);
  });

  it('rejects inputs that are not what the engine should send', () => {
    expect(riskInputsSchema.safeParse({ ...calm, sentiments: [2] }).success).toBe(false);
    expect(riskInputsSchema.safeParse({ ...calm, repeatedContacts: -1 }).success).toBe(false);
    expect(riskInputsSchema.safeParse(calm).success).toBe(true);
  });
});
