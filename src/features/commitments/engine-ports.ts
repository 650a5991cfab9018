// What the engine asks of other features, and what it offers them: ports passed in explicitly when Kept is
// built (app.ts), never questions put on the bus. A policy's `send_fallback` goes to the one sender of its
// commitment's kind; a feature that needs a commitment no policy opens calls `openCommitment`.
import type { Tx } from '../../db/create-db.js';
import type { CommitmentKind, Policy } from './policy.schemas.js';

/** The commitment whose at-risk (or breach) `send_fallback` action is running, and the action's key. */
export interface FallbackRequest {
  commitmentId: string;
  kind: CommitmentKind;
  /** The action's idempotency key: a sender keys its outbox entry by it, so a retried fire sends nothing twice. */
  actionKey: string;
  caseId: string | null;
  customerId: string | null;
  orderNumber: string | null;
  reasonCode: string | null;
  /** A channel that just failed to reach the customer (a bounce): the message goes another way. */
  avoidChannel?: string | null;
}

/** What a sender did, recorded as the action's result. */
export interface FallbackOutcome {
  outboxId: string | null;
  status: 'queued' | 'held' | 'skipped';
  detail?: string;
}

/** Sends (queues, inside `tx`) the one message a commitment of its kind gets when it comes due unmet. */
export type FallbackSender = (tx: Tx, request: FallbackRequest) => Promise<FallbackOutcome>;

/** One sender per commitment kind: an object literal cannot name a kind twice. */
export type FallbackSenders = Readonly<Partial<Record<CommitmentKind, FallbackSender>>>;

/** A commitment a feature asks for (a claim's document, a promise made in words), opened once per `key`. */
export interface OpenCommitmentRequest {
  key: string;
  kind: CommitmentKind;
  caseId: string | null;
  customerId: string | null;
  orderNumber: string | null;
  dueAt: Date;
  ownerId: string | null;
  ownerRole: 'agent' | 'manager' | null;
  openedBy: string;
  /** The built-in policy it runs under (its at-risk and breach actions); `requested:<kind>` unless given. */
  policyId?: string;
  /** Minutes before the deadline when the at-risk actions run (e.g. a reminder). */
  atRiskLeadMinutes?: number;
  details: Record<string, unknown>;
}

/** Opens the commitment inside `tx` (or finds the one opened before under its key) and returns its id. */
export type OpenCommitment = (tx: Tx, request: OpenCommitmentRequest) => Promise<string>;

/** Keeps an owed commitment inside `tx` (a promise kept, a document received); a closed one is left alone. */
export type KeepCommitment = (tx: Tx, keep: { commitmentId: string; by: string; at: Date }) => Promise<void>;

/** Whether comms may acknowledge the customer's message on `channel` now (the config's per-address limit). */
export type AcknowledgementAllowed = (tx: Tx, input: { customerId: string; channel: string; at: Date }) => Promise<boolean>;

/**
 * Every policy whose actions send a fallback must have a sender for the kind it opens; checked when Kept is
 * built, so a policy that would send nothing (or a kind no feature speaks for) stops the start.
 */
export function checkFallbackSenders(options: { policies: readonly Policy[]; senders: FallbackSenders }): void {
  const missing = options.policies.filter((policy) => [...policy.on_breach, ...(policy.at_risk?.actions ?? [])].some((action) => action.type === 'send_fallback') && !options.senders[policy.opens]);
  if (missing.length > 0) {
    const named = missing.map((policy) => `${policy.id} (${policy.opens})`).join(', ');
    throw new Error(`policies send a fallback for a kind no feature sends one for: ${named}; only ${Object.keys(options.senders).join(', ') || 'no kind'} can have send_fallback`);
  }
}
