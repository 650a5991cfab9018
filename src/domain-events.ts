// The events features send each other: each states a fact (ids, records, dates — data a handler reads and never
// changes), none asks a question: where a feature needs an answer it calls a port passed to it (the engine's
// `openCommitment`, its fallback senders). The in-transaction events are delivered with the emitter's
// transaction as their context — `bus.emit('message.recorded', fact, tx)`, handlers `(fact, tx) => …` — so
// their handlers finish their writes inside it and a crash halfway through a batch leaves nothing half-done;
// what must wait for the commit is registered with `afterCommit`. The `live.*` events go out after the commit,
// with no context. The bus refuses a transaction (anything with methods) inside a fact at compile time.
import type { Tx } from './db/create-db.js';
import { createEventBus, type EventBus } from './shared/event-bus.js';
import type { EventInput } from './features/events/event.schemas.js';
import type { MessageRecord } from './features/cases/index.js';
import type { CaseRecord } from './features/cases/index.js';

/** A file that came with an inbound message and was not kept: larger than the `capBytes` its channel keeps. */
export interface FileNotKept {
  filename: string;
  size: number;
  capBytes: number;
}

/** Facts delivered inside the emitter's transaction (their context is that `Tx`). */
export interface TransactionEvents {
  /**
   * A transaction is about to process many events or messages at once (an ingest batch, a round of
   * deliveries): the orders and cases they may touch. A handler may read what it will need for all of them at
   * once; the engine locks their owed commitments in one statement and keeps them for the transaction.
   */
  'batch.started': { orderNumbers: string[]; caseIds: string[] };
  /** That transaction is about to commit: what a handler kept back for the whole batch is written now. */
  'batch.ending': Record<string, never>;
  /** A new (not duplicate) event was stored and projected: policies evaluate it. */
  'event.ingested': { event: EventInput; customerId: string | null; caseId: string | null; messageId: string | null; at: Date };
  /**
   * A message was recorded on a case, in or out, from any channel; `filesNotKept`, the files that came with an
   * inbound message and were not kept (over the channel's size cap), which its one answer names.
   */
  'message.recorded': { message: MessageRecord; caseRecord: CaseRecord | null; opened: boolean; filesNotKept?: FileNotKept[] };
  /** An outbound message reached its channel (sent by Kept, or reported sent by `message.sent`) at `at`. */
  'message.delivered': { message: MessageRecord; caseRecord: CaseRecord | null; at: Date };
  /** An outbound message failed for good: it keeps no commitment. */
  'message.failed': { message: MessageRecord; error: string };
  /** A case changed state, owner or escalation by someone's action. */
  'case.changed': { before: CaseRecord | null; after: CaseRecord; change: 'opened' | 'assigned' | 'state' | 'escalated'; note?: string; by: string | null };
  /**
   * A signal read from a customer's message (manager request, churn intent, …). The engine evaluates it as an
   * internal event of type `signal.<code>` so that policies can open commitments on it.
   */
  'signal.detected': { code: string; caseId: string; customerId: string; messageId: string; detail: string; at: Date };
  /**
   * Commitments changed state (opened ones excluded): breached, kept, waived, dismissed. What is derived from
   * them (a case's risk) is refreshed here, whoever moved them — a timer, a message, a person.
   */
  'commitments.moved': { moves: { commitmentId: string; caseId: string | null; from: string; to: string }[]; at: Date };
}

/** Facts delivered after the commit, with no context. */
export interface LiveEvents {
  /** After commit: something the console shows changed (for live updates). */
  'live.case_updated': { caseId: string };
  /** After commit: a commitment opened, was kept, breached, waived or came at risk (for live updates). */
  'live.commitment_updated': { commitmentId: string; caseId: string | null };
}

export type DomainEvents = TransactionEvents & LiveEvents;

/** The context each event is delivered with: the emitter's transaction, or nothing after the commit. */
export type DomainContexts = { [K in keyof TransactionEvents]: Tx } & { [K in keyof LiveEvents]: undefined };

/** The read-only fact a handler of `K` receives. */
export type DomainFact<K extends keyof DomainEvents> = Readonly<DomainEvents[K]>;

export type DomainBus = EventBus<DomainEvents, DomainContexts>;

/** The one bus of a Kept instance (app.ts builds it and subscribes every handler). */
export function createDomainBus(): DomainBus {
  return createEventBus<DomainEvents, DomainContexts>();
}
