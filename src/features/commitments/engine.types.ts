// What the pure engine reads (an input and the owed commitments it touches) and what it decides.
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import type { AgentId, CaseId, CommitmentId, CustomerId } from '../../shared/values.js';
import type { Commitment, TimerKind } from './commitment.js';
import type { CommitmentKind, Policy, PolicyAction } from './policy.schemas.js';

export type CaseState = 'open' | 'pending' | 'resolved';

/** An ingested event, already linked to its customer, case and order by the ingest service. */
export interface EngineEvent {
  id: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  caseId: CaseId | null;
  customerId: CustomerId | null;
  orderId: string | null;
}

/** What a policy's matcher may read about the case, under the path `case.…`. */
export interface CaseSnapshot {
  id: CaseId;
  state: CaseState;
  ownerId: AgentId | null;
  team: string | null;
  channel: string | null;
}

export interface OutboundMessage {
  id: string;
  caseId: CaseId | null;
  channel: string;
  author: { kind: 'human' | 'automatic'; agentId?: AgentId; role?: 'agent' | 'manager' | 'admin' };
  /** Order numbers the message names; only these can keep a notify commitment. */
  orderIds: readonly string[];
  status: 'sent' | 'held';
  sentAt: Date;
}

/** A timer as the scheduler hands it back: it is stale when the commitment's due time has moved since. */
export interface TimerRef {
  commitmentId: CommitmentId;
  kind: TimerKind;
  fireAt: Date;
  dueAt: Date;
}

export type EngineInput =
  | { kind: 'event'; event: EngineEvent; case: CaseSnapshot | null }
  | { kind: 'case_change'; caseId: CaseId; state: CaseState; changeId: string }
  | { kind: 'message_out'; message: OutboundMessage }
  | { kind: 'tick'; timer: TimerRef };

/** Everything the engine needs from configuration, built once at start. */
export interface EngineConfig {
  policies: readonly Policy[];
  calendars: Readonly<Record<string, BusinessCalendar>>;
  teams: Readonly<Record<string, { calendar: string }>>;
}

export type Decision =
  | { type: 'open'; key: string; commitment: Commitment }
  | { type: 'fulfil'; commitmentId: CommitmentId; by: string; at: Date; late: boolean }
  | { type: 'pause'; commitmentId: CommitmentId; at: Date }
  | { type: 'resume'; commitmentId: CommitmentId; at: Date; dueAt: Date }
  | { type: 'schedule'; timer: TimerRef }
  | { type: 'cancel_timers'; commitmentId: CommitmentId }
  | { type: 'mark_at_risk'; commitmentId: CommitmentId; at: Date }
  | { type: 'mark_breached'; key: string; commitmentId: CommitmentId; at: Date }
  | { type: 'action'; action: ActionDecision };

/** A side effect to run once: the key (commitment, action, due time) makes a rerun after a crash a no-op. */
export interface ActionDecision {
  key: string;
  phase: TimerKind;
  commitmentId: CommitmentId;
  kind: CommitmentKind;
  ownerId: AgentId | null;
  caseId: CaseId | null;
  customerId: CustomerId | null;
  orderId: string | null;
  reasonCode: string | null;
  dueAt: Date;
  action: PolicyAction;
}
