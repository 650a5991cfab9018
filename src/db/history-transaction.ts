// A transaction that replays the past (`kept import` of a history): what it records is history, so no
// customer is written to, no escalation or webhook leaves, and the commitments it opens are settled as of
// their own deadlines instead of being timed live. The mark lives with the transaction, so every path that
// could reach a customer from inside it asks the same question the same way.
import type { Tx } from './create-db.js';

export interface HistoryMark {
  /** Events before this time are history; commitments due after it become live. */
  horizon: Date;
  /** The latest time the replay has reached: history commitments due by then were met or broken already. */
  settleUpTo: Date;
}

const marks = new WeakMap<Tx, HistoryMark>();

export function markHistory(tx: Tx, mark: HistoryMark): void {
  marks.set(tx, mark);
}

/** The mark of a transaction replaying history, or undefined for live work. */
export function historyOf(tx: Tx): HistoryMark | undefined {
  return marks.get(tx);
}
