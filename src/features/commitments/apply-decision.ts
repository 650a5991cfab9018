// How a decision changes a commitment, as one pure function: the service writes its result, and
// `kept audit` and the tests replay decisions in memory with the very same rules.
import type { Commitment } from './commitment.js';
import type { Decision } from './engine.types.js';

/**
 * The commitment after `decision`, or the same object when the decision is not about it (or is one that
 * changes no commitment: schedule, cancel_timers, action). Open decisions are not applied here: they create.
 */
export function applyDecision(commitment: Commitment, decision: Decision): Commitment {
  if (decision.type === 'open' || decision.type === 'schedule' || decision.type === 'action') return commitment;
  if (decision.commitmentId !== commitment.id) return commitment;
  switch (decision.type) {
    case 'fulfil':
      return { ...commitment, state: 'kept', fulfilledBy: decision.by, fulfilledAt: decision.at, keptLate: decision.late, pausedAt: null };
    case 'pause':
      return { ...commitment, pausedAt: decision.at };
    case 'resume':
      return { ...commitment, pausedAt: null, dueAt: decision.dueAt, atRiskAt: null };
    case 'mark_at_risk':
      return { ...commitment, atRiskAt: decision.at };
    case 'mark_breached':
      return { ...commitment, state: 'breached', breachedAt: decision.at };
    case 'cancel_timers':
      return commitment;
  }
}
