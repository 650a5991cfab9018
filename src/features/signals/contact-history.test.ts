import { describe, expect, it } from 'vitest';
import { summariseContactHistory, type CaseMessage } from './contact-history.js';

describe('a customer writing again and again without progress', () => {
  it('counts messages since the last reply that moved the case; repeated answers and acknowledgements do not reset it', () => {
    const messages: CaseMessage[] = [
      { direction: 'inbound', sentiment: 0.1 },
      { direction: 'outbound', agentId: null, movedCase: false },
      { direction: 'outbound', agentId: 'agt_a', movedCase: true },
      { direction: 'inbound', sentiment: -0.2 },
      { direction: 'outbound', agentId: 'agt_b', movedCase: false },
      { direction: 'inbound', sentiment: -0.4 },
      { direction: 'outbound', agentId: 'agt_c', movedCase: false },
      { direction: 'inbound', sentiment: -0.6 },
    ];
    expect(summariseContactHistory(messages)).toEqual({
      repeatedContacts: 3,
      distinctAgentsReplied: 3,
      sentiments: [0.1, -0.2, -0.4, -0.6],
    });
  });

  it('a reply that moved the case starts the count again', () => {
    const messages: CaseMessage[] = [{ direction: 'inbound' }, { direction: 'inbound' }, { direction: 'outbound', agentId: 'agt_a', movedCase: true }];
    expect(summariseContactHistory(messages)).toEqual({ repeatedContacts: 0, distinctAgentsReplied: 1, sentiments: [] });
  });
});
