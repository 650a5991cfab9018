// The events features send each other. In-transaction events carry `tx`: their handlers must finish their
// writes inside it, so a crash halfway through a batch leaves nothing half-done.
import type { Tx } from './db/create-db.js';
import type { EventBus } from './shared/event-bus.js';
import type { EventInput } from './features/events/event.schemas.js';
import type { MessageRecord } from './features/cases/message.repo.js';
import type { CaseRecord } from './features/cases/case.repo.js';

export interface DomainEvents {
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
  /** After commit: something the console shows changed (for live updates). */
  'live.case_updated': { caseId: string };
  /** After commit: a commitment opened, was kept, breached, waived or came at risk (for live updates). */
  'live.commitment_updated': { commitmentId: string; caseId: string | null };
}

export type DomainBus = EventBus<DomainEvents>;
