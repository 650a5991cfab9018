// Turns a case's messages into the counts the risk score needs: how many times the customer wrote
// without progress, and how many different agents answered (crack C8's 28 emails to 28 agents).

export interface CaseMessage {
  readonly direction: 'inbound' | 'outbound';
  /** The agent who wrote an outbound message; automatic messages (acknowledgements) have none. */
  readonly agentId?: string | null;
  /**
   * Whether an outbound reply moved the case: it answered with something new (it was not held or sent as a
   * repeated reply) or came with a change of state, a kept commitment or a document. Acknowledgements and
   * repeated answers do not.
   */
  readonly movedCase?: boolean;
  /** Sentiment of an inbound message, when it was scored. */
  readonly sentiment?: number;
}

export interface ContactHistory {
  /** Inbound messages since the last outbound reply that moved the case. */
  readonly repeatedContacts: number;
  /** Different agents who wrote an outbound message on the case. */
  readonly distinctAgentsReplied: number;
  /** Sentiment of each scored inbound message, in order. */
  readonly sentiments: readonly number[];
}

/** Summarises a case's messages, given in the order they happened, for `computeRisk`. */
export function summariseContactHistory(messages: readonly CaseMessage[]): ContactHistory {
  let repeatedContacts = 0;
  const agents = new Set<string>();
  const sentiments: number[] = [];
  for (const message of messages) {
    if (message.direction === 'inbound') {
      repeatedContacts++;
      if (message.sentiment !== undefined) sentiments.push(message.sentiment);
      continue;
    }
    if (message.agentId) agents.add(message.agentId);
    if (message.movedCase === true) repeatedContacts = 0;
  }
  return { repeatedContacts, distinctAgentsReplied: agents.size, sentiments };
}
