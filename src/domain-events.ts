// The events features send each other. In-transaction events carry `tx`: their handlers must finish their
// writes inside it, so a crash halfway through a batch leaves nothing half-done.
import type { Tx } from './db/create-db.js';
import type { EventBus } from './shared/event-bus.js';
import type { EventInput } from './features/events/event.schemas.js';
import type { MessageRecord } from './features/cases/message.repo.js';
import type { CaseRecord } from './features/cases/case.repo.js';

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
  /** An outbound message reached its channel (sent by Kept, or reported sent by `message.sent`). */
  'message.delivered': { tx: Tx; message: MessageRecord; caseRecord: CaseRecord | null };
  /** An outbound message failed for good: it keeps no commitment. */
  'message.failed': { tx: Tx; message: MessageRecord; error: string };
  /** A case changed state, owner or escalation by someone's action. */
  'case.changed': { tx: Tx; before: CaseRecord | null; after: CaseRecord; change: 'opened' | 'assigned' | 'state' | 'escalated'; note?: string; by: string | null };
  /**
   * The engine asks comms to send a reason's fallback message for a notify commitment (crack C1). The handler
   * enqueues it in the outbox inside `tx` (audited, gift rule applied) and reports what it did; the engine
   * records the action under `actionKey` so it never runs twice.
   */
  'commitment.fallback_due': {
    tx: Tx;
    commitmentId: string;
    /** The commitment's kind: a `disclose` commitment's fallback is the caveats feature's to send, not a reason's. */
    kind?: string;
    actionKey: string;
    caseId: string | null;
    customerId: string | null;
    orderNumber: string | null;
    reasonCode: string | null;
    /** A template id to send instead of the reason's fallback (e.g. a policy's own message). */
    template?: string | null;
    result: { outboxId: string | null; status: 'queued' | 'held' | 'skipped'; detail?: string };
  };
  /**
   * A signal read from a customer's message (manager request, churn intent, …). The engine evaluates it as an
   * internal event of type `signal.<code>` so that policies can open commitments on it.
   */
  'signal.detected': { tx: Tx; code: string; caseId: string; customerId: string; messageId: string; detail: string; at: Date };
  /**
   * A feature asks the engine to open a commitment that no policy opens (a claim's document, a promise made in
   * words). `key` makes it idempotent. The engine schedules its timers like any other commitment; a document
   * commitment's at-risk `send_fallback` comes back as 'commitment.fallback_due' (the claims feature sends the
   * reminder then).
   */
  'commitment.open_requested': {
    tx: Tx;
    key: string;
    kind: string;
    caseId: string | null;
    customerId: string | null;
    orderNumber: string | null;
    dueAt: Date;
    ownerId: string | null;
    ownerRole: 'agent' | 'manager' | null;
    openedBy: string;
    /** The built-in policy it runs under (its breach actions); `requested:<kind>` unless given. */
    policyId?: string;
    /** Minutes before the deadline when the at-risk actions run (e.g. a reminder). */
    atRiskLeadMinutes?: number;
    details: Record<string, unknown>;
    result: { commitmentId: string | null };
  };
  /**
   * After commit of a transaction that may have queued outbound messages without touching a case the
   * console shows (a timer's fallback for an order, an intake worker's batch): comms delivers them now.
   */
  'transaction.committed': { source: string };
  /** After commit: something the console shows changed (for live updates). */
  'live.case_updated': { caseId: string };
  /** After commit: a commitment opened, was kept, breached, waived or came at risk (for live updates). */
  'live.commitment_updated': { commitmentId: string; caseId: string | null };
}

export type DomainBus = EventBus<DomainEvents>;
