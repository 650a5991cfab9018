// The events features send each other: each states a fact (ids and facts), none asks a question — where a
// feature needs an answer it calls a port passed to it (the engine's `openCommitment`, its fallback senders).
// In-transaction events carry `tx`: their handlers must finish their writes inside it, so a crash halfway
// through a batch leaves nothing half-done; what must wait for the commit is registered with `afterCommit`.
import type { Tx } from './db/create-db.js';
import type { EventBus } from './shared/event-bus.js';
import type { EventInput } from './features/events/event.schemas.js';
import type { MessageRecord } from './features/cases/index.js';
import type { CaseRecord } from './features/cases/index.js';

export interface DomainEvents {
  /**
   * A transaction is about to process many events or messages at once (an ingest batch, a round of
   * deliveries): the orders and cases they may touch. A handler may read what it will need for all of them at
   * once; the engine locks their owed commitments in one statement and keeps them for the transaction.
   */
  'batch.started': { tx: Tx; orderNumbers: string[]; caseIds: string[] };
  /** That transaction is about to commit: what a handler kept back for the whole batch is written now. */
  'batch.ending': { tx: Tx };
  /** A new (not duplicate) event was stored and projected: policies evaluate it. */
  'event.ingested': { tx: Tx; event: EventInput; customerId: string | null; caseId: string | null; messageId: string | null; at: Date };
  /** A message was recorded on a case, in or out, from any channel. */
  'message.recorded': { tx: Tx; message: MessageRecord; caseRecord: CaseRecord | null; opened: boolean };
  /** An outbound message reached its channel (sent by Kept, or reported sent by `message.sent`) at `at`. */
  'message.delivered': { tx: Tx; message: MessageRecord; caseRecord: CaseRecord | null; at: Date };
  /** An outbound message failed for good: it keeps no commitment. */
  'message.failed': { tx: Tx; message: MessageRecord; error: string };
  /** A case changed state, owner or escalation by someone's action. */
  'case.changed': { tx: Tx; before: CaseRecord | null; after: CaseRecord; change: 'opened' | 'assigned' | 'state' | 'escalated'; note?: string; by: string | null };
  /**
   * A signal read from a customer's message (manager request, churn intent, …). The engine evaluates it as an
   * internal event of type `signal.<code>` so that policies can open commitments on it.
   */
  'signal.detected': { tx: Tx; code: string; caseId: string; customerId: string; messageId: string; detail: string; at: Date };
  /**
   * Commitments changed state (opened ones excluded): breached, kept, waived, dismissed. What is derived from
   * them (a case's risk) is refreshed here, whoever moved them — a timer, a message, a person.
   */
  'commitments.moved': { tx: Tx; moves: { commitmentId: string; caseId: string | null; from: string; to: string }[]; at: Date };
  /** After commit: something the console shows changed (for live updates). */
  'live.case_updated': { caseId: string };
  /** After commit: a commitment opened, was kept, breached, waived or came at risk (for live updates). */
  'live.commitment_updated': { commitmentId: string; caseId: string | null };
}

export type DomainBus = EventBus<DomainEvents>;
