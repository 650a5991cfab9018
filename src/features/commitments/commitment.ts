// The commitment as the engine sees it, and the transitions people make by hand: kept late and waived.
import { AppError } from '../../shared/app-error.js';
import type { AgentId, CaseId, CommitmentId, CustomerId } from '../../shared/values.js';
import type { CommitmentKind } from './policy.schemas.js';

/** `dismissed`: a promise in words an agent dismissed (misread, or taken back); neither kept nor breached. */
export type CommitmentState = 'open' | 'kept' | 'breached' | 'waived' | 'dismissed';
export type OwnerRole = 'agent' | 'manager';
export type TimerKind = 'at_risk' | 'breach';

export interface Commitment {
  id: CommitmentId;
  kind: CommitmentKind;
  state: CommitmentState;
  policyId: string;
  openedAt: Date;
  dueAt: Date;
  /** The business calendar the deadline counts on; null for a wall-clock deadline. */
  calendarName: string | null;
  ownerId: AgentId | null;
  /** Who must own it: a manager for escalations, whoever owns the case otherwise. */
  ownerRole: OwnerRole;
  caseId: CaseId | null;
  customerId: CustomerId | null;
  /** The business's order number the commitment is about, when it is about one. */
  orderId: string | null;
  /** What opened it: an event id, or `<commitment id>:escalate` for an escalation a breach opened. */
  openedBy: string;
  /** The event id or message id that kept it. */
  fulfilledBy: string | null;
  fulfilledAt: Date | null;
  /** Set while the case waits on the customer; the deadline moves by the time spent paused. */
  pausedAt: Date | null;
  atRiskAt: Date | null;
  breachedAt: Date | null;
  /** True when it was kept after it had breached. */
  keptLate: boolean;
  waivedBy: AgentId | null;
  waivedReason: string | null;
  /** The reason code of the event that opened it, so a fallback message can name the same reason. */
  reasonCode: string | null;
}

/** The fields of a commitment that has just opened: nothing kept, paused, at risk, breached or waived yet. */
export const untouched = {
  fulfilledBy: null,
  fulfilledAt: null,
  pausedAt: null,
  atRiskAt: null,
  breachedAt: null,
  keptLate: false,
  waivedBy: null,
  waivedReason: null,
} as const satisfies Partial<Commitment>;

/**
 * Where a commitment's state may go from each state. Kept, waived and dismissed are closed: nothing moves
 * them (the repo's `moveCommitments` enforces this in its SQL). A breached one stays owed until kept late or
 * waived. Moving to the same state is a change of its other fields (owner, deadline, pause, at risk).
 */
export const stateMoves: Readonly<Record<CommitmentState, readonly CommitmentState[]>> = {
  open: ['open', 'kept', 'breached', 'waived', 'dismissed'],
  breached: ['breached', 'kept', 'waived'],
  kept: [],
  waived: [],
  dismissed: [],
};

/** A commitment is still owed while open or breached; breached ones stay listed until kept late or waived. */
export function isOwed(commitment: Commitment): boolean {
  return commitment.state === 'open' || commitment.state === 'breached';
}

/** Marks an owed commitment kept; after a breach it is kept late. */
export function keepCommitment(commitment: Commitment, options: { by: string; at: Date }): Commitment {
  if (!isOwed(commitment)) {
    throw new AppError('conflict', { detail: `commitment ${commitment.id} is already ${commitment.state}` });
  }
  return {
    ...commitment,
    state: 'kept',
    fulfilledBy: options.by,
    fulfilledAt: options.at,
    pausedAt: null,
    keptLate: commitment.state === 'breached' || options.at.getTime() > commitment.dueAt.getTime(),
  };
}

/**
 * Waives an owed commitment. Only a manager (or admin) may, and only with a reason, because a waiver
 * removes a broken promise from every list and must be answerable afterwards.
 */
export function waiveCommitment(commitment: Commitment, options: { by: { id: AgentId; role: 'agent' | 'manager' | 'admin' }; reason: string; at: Date }): Commitment {
  if (options.by.role === 'agent') {
    throw new AppError('forbidden', { detail: 'only a manager may waive a commitment' });
  }
  const reason = options.reason.trim();
  if (reason.length === 0) {
    throw new AppError('validation_failed', { detail: 'a waiver needs a reason', field: 'reason' });
  }
  if (!isOwed(commitment)) {
    throw new AppError('conflict', { detail: `commitment ${commitment.id} is already ${commitment.state}` });
  }
  return { ...commitment, state: 'waived', waivedBy: options.by.id, waivedReason: reason, fulfilledAt: options.at, pausedAt: null };
}

/**
 * Dismisses an open commitment: a promise in words that was misread, or taken back, with a note kept by the
 * caller. Only an open one may be: a breached promise was real enough to break, and only a waiver removes it.
 */
export function dismissCommitment(commitment: Commitment, options: { at: Date }): Commitment {
  if (commitment.state !== 'open') {
    throw new AppError('conflict', { detail: `commitment ${commitment.id} is ${commitment.state}: only an open one can be dismissed (a manager may waive a breached one)` });
  }
  return { ...commitment, state: 'dismissed', fulfilledAt: options.at, pausedAt: null };
}

/** What a person changes on an open commitment: its deadline, its owner, or (dismissing it) its state. */
export interface CommitmentRevision {
  dueAt?: Date | undefined;
  owner?: { id: AgentId; role: OwnerRole } | undefined;
  dismiss?: boolean | undefined;
}

/**
 * The commitment after a person's revision. A moved deadline is a new deadline, so the commitment is no
 * longer at risk until its new at-risk time; only an open commitment can be revised.
 */
export function reviseCommitment(commitment: Commitment, revision: CommitmentRevision & { at: Date }): Commitment {
  if (revision.dismiss) return dismissCommitment(commitment, { at: revision.at });
  if (commitment.state !== 'open') {
    throw new AppError('conflict', { detail: `commitment ${commitment.id} is ${commitment.state}: only an open one can be corrected` });
  }
  return {
    ...commitment,
    ...(revision.dueAt ? { dueAt: revision.dueAt, atRiskAt: null } : {}),
    ...(revision.owner ? { ownerId: revision.owner.id, ownerRole: revision.owner.role } : {}),
  };
}
