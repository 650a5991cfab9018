// From a case's stored history to the inputs of its risk score: which messages count as contacts, which
// replies moved the case, who replied, and whether the customer ever asked for a manager or said they may leave.
import type { CaseMessage } from './contact-history.js';
import { summariseContactHistory } from './contact-history.js';
import type { RiskInputs } from './risk.js';

export interface CaseHistoryEntry {
  readonly direction: 'in' | 'out';
  readonly authorKind: 'customer' | 'agent' | 'automatic' | 'external';
  readonly authorId: string | null;
  readonly noise: string | null;
  readonly sentiment: number | null;
  readonly managerRequest: string | null;
  readonly churnIntent: string | null;
  /** Finding codes overridden to send this reply. */
  readonly overriddenCodes: readonly string[];
}

/**
 * One history entry as the contact history sees it, or null when it does not count: noise (auto-replies,
 * bounces) and automatic messages (acknowledgements) are neither contacts nor answers. A person's reply moves
 * the case unless it was sent over a `repeated_reply` finding: saying the same thing again is no progress.
 * A `message.sent` reported with an author is a person answering in another tool; without one it is a
 * notification.
 */
export function toCaseMessage(entry: CaseHistoryEntry): CaseMessage | null {
  if (entry.noise) return null;
  if (entry.direction === 'in') {
    if (entry.authorKind !== 'customer') return null;
    return { direction: 'inbound', ...(entry.sentiment !== null ? { sentiment: entry.sentiment } : {}) };
  }
  const person = entry.authorKind === 'agent' || (entry.authorKind === 'external' && entry.authorId !== null);
  if (!person) return null;
  const agentId = entry.authorKind === 'external' ? `external:${entry.authorId}` : entry.authorId;
  return { direction: 'outbound', agentId, movedCase: !entry.overriddenCodes.includes('repeated_reply') };
}

/** The risk inputs of a case from its history, breached commitments and the customer's value. */
export function riskInputsFromHistory(options: { history: readonly CaseHistoryEntry[]; breachedCommitments: number; customerValue: RiskInputs['customerValue'] }): RiskInputs {
  const messages = options.history.map(toCaseMessage).filter((message): message is CaseMessage => message !== null);
  const summary = summariseContactHistory(messages);
  return {
    managerRequested: options.history.some((entry) => entry.managerRequest !== null),
    churnIntent: options.history.some((entry) => entry.churnIntent !== null),
    sentiments: [...summary.sentiments],
    repeatedContacts: summary.repeatedContacts,
    distinctAgentsReplied: summary.distinctAgentsReplied,
    breachedCommitments: options.breachedCommitments,
    customerValue: options.customerValue,
  };
}
