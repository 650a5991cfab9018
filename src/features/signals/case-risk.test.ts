import { describe, expect, it } from 'vitest';
import { riskInputsFromHistory, type CaseHistoryEntry } from './case-risk.js';
import { computeRisk } from './risk.js';

const customer = (text: Partial<CaseHistoryEntry> = {}): CaseHistoryEntry => ({
  direction: 'in',
  authorKind: 'customer',
  authorId: null,
  noise: null,
  sentiment: -0.4,
  managerRequest: null,
  churnIntent: null,
  overriddenCodes: [],
  ...text,
});
const reply = (authorId: string, overriddenCodes: string[] = []): CaseHistoryEntry => ({ ...customer(), direction: 'out', authorKind: 'agent', authorId, sentiment: null, overriddenCodes });
const noValue = { orderCount: 0, spendMinor: 0, currency: 'XXX' };

describe('the risk of a case from its stored history', () => {
  it('counts the customer messages since the last reply that moved the case; a repeated answer moves nothing', () => {
    const history = [customer(), reply('agt_a'), customer(), customer(), reply('agt_b', ['repeated_reply']), customer()];
    const inputs = riskInputsFromHistory({ history, breachedCommitments: 0, customerValue: noValue });
    expect(inputs).toMatchObject({ repeatedContacts: 3, distinctAgentsReplied: 2, sentiments: [-0.4, -0.4, -0.4, -0.4] });
  });

  it('leaves auto-replies, acknowledgements and unauthored notifications out of the count', () => {
    const history = [
      customer(),
      { ...customer(), noise: 'auto_reply' },
      { ...reply('agt_a'), authorKind: 'automatic' as const, authorId: null },
      { ...reply('agt_a'), authorKind: 'external' as const, authorId: null },
      customer(),
    ];
    expect(riskInputsFromHistory({ history, breachedCommitments: 0, customerValue: noValue })).toMatchObject({ repeatedContacts: 2, distinctAgentsReplied: 0 });
  });

  it('remembers a manager request and churn intent from any earlier message of the case', () => {
    const history = [customer({ managerRequest: 'Can I speak to a supervisor?' }), reply('agt_a'), customer({ churnIntent: 'I will never buy from you again.' }), reply('agt_b')];
    const inputs = riskInputsFromHistory({ history, breachedCommitments: 1, customerValue: noValue });
    expect(inputs).toMatchObject({ managerRequested: true, churnIntent: true, repeatedContacts: 0, breachedCommitments: 1 });
    expect(computeRisk(inputs).signals.map((signal) => signal.code)).toEqual(['manager_request', 'churn_intent', 'negative_sentiment', 'breached_commitment']);
  });
});
