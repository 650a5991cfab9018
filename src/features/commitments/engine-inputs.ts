// Turns what other features report on the bus (ingested events, messages, case changes, signals) into the
// engine's inputs. Pure: the service looks up what these need (the case, an author's role) and passes it in.
import type { CaseRecord } from '../cases/index.js';
import type { MessageRecord } from '../cases/index.js';
import type { EventInput } from '../events/event.schemas.js';
import type { AgentId, CaseId, CustomerId } from '../../shared/values.js';
import type { CaseSnapshot, EngineInput, OutboundMessage } from './engine.types.js';

export function toCaseSnapshot(record: CaseRecord | null | undefined): CaseSnapshot | null {
  if (!record) return null;
  return { id: record.id as CaseId, state: record.state, ownerId: record.ownerId as AgentId | null, team: null, channel: record.lastChannel };
}

/** An ingested event, as policies see it (`event.type` is the event's own type). */
export function eventInput(options: { event: EventInput; customerId: string | null; caseId: string | null; caseRecord: CaseRecord | null | undefined }): EngineInput {
  const { event } = options;
  return {
    kind: 'event',
    event: {
      id: event.id,
      type: event.type,
      occurredAt: new Date(event.occurred_at),
      data: event.data as Record<string, unknown>,
      caseId: options.caseId as CaseId | null,
      customerId: options.customerId as CustomerId | null,
      orderId: event.order?.id ?? null,
    },
    case: toCaseSnapshot(options.caseRecord),
  };
}

/**
 * An inbound customer message on any channel becomes the internal event `message.received {channel}`, with
 * the message id as its id. A `contact.received` event records such a message too, so acknowledgement and
 * first-response policies open from the message, once, whatever the channel.
 */
export function inboundMessageInput(options: { message: MessageRecord; caseRecord: CaseRecord | null; recentlyAcknowledged: boolean }): EngineInput {
  const { message } = options;
  return {
    kind: 'event',
    event: {
      id: message.id,
      type: 'message.received',
      occurredAt: message.at,
      data: { channel: message.channel, subject: message.subject, source_event_id: message.eventId, recently_acknowledged: options.recentlyAcknowledged },
      caseId: (message.caseId ?? options.caseRecord?.id ?? null) as CaseId | null,
      customerId: message.customerId as CustomerId | null,
      orderId: message.orderNumbers[0] ?? options.caseRecord?.orderNumber ?? null,
    },
    case: toCaseSnapshot(options.caseRecord),
  };
}

/** Authors of a `message.sent` event that name a machine rather than a person. */
const automaticAuthor = /^(auto|automatic|automation|system|bot|no-?reply)([-_.@ ].*)?$/i;

/**
 * The author of an outbound message as fulfilment rules see it: an agent is human (with their role), Kept's
 * own automatic messages are automatic, and a message reported sent by `message.sent` counts as human unless
 * its author names a machine (`system`, `bot`, `noreply`, `automatic`…).
 */
export function outboundAuthor(options: { message: MessageRecord; agentRole: 'agent' | 'manager' | 'admin' | null }): OutboundMessage['author'] {
  const { message } = options;
  if (message.authorKind === 'automatic') return { kind: 'automatic' };
  if (message.authorKind === 'external' && message.authorId && automaticAuthor.test(message.authorId)) return { kind: 'automatic' };
  return {
    kind: 'human',
    ...(message.authorKind === 'agent' && message.authorId ? { agentId: message.authorId as AgentId } : {}),
    ...(options.agentRole ? { role: options.agentRole } : {}),
  };
}

/** A delivered outbound message: it keeps commitments of its case, or of the orders it names, when it went out (`at`). */
export function deliveredMessageInput(options: { message: MessageRecord; caseRecord: CaseRecord | null; agentRole: 'agent' | 'manager' | 'admin' | null; at: Date }): EngineInput {
  const { message } = options;
  return {
    kind: 'message_out',
    message: {
      id: message.id,
      caseId: (message.caseId ?? options.caseRecord?.id ?? null) as CaseId | null,
      channel: message.channel,
      author: outboundAuthor(options),
      orderIds: message.orderNumbers,
      status: 'sent',
      sentAt: options.at,
    },
  };
}

/** A signal read from a message, as the internal event `signal.<code>` (e.g. `signal.manager_request`). */
export function signalInput(options: { code: string; caseId: string; customerId: string; messageId: string; detail: string; at: Date; caseRecord: CaseRecord | null | undefined }): EngineInput {
  return {
    kind: 'event',
    event: {
      id: `signal:${options.messageId}:${options.code}`,
      type: `signal.${options.code}`,
      occurredAt: options.at,
      data: { code: options.code, detail: options.detail, message_id: options.messageId },
      caseId: options.caseId as CaseId,
      customerId: options.customerId as CustomerId,
      orderId: options.caseRecord?.orderNumber ?? null,
    },
    case: toCaseSnapshot(options.caseRecord),
  };
}

/** An agent escalating a case by hand, as the internal event `case.escalated`. */
export function escalatedInput(options: { caseRecord: CaseRecord; by: string; note: string | undefined; at: Date }): EngineInput {
  const { caseRecord } = options;
  return {
    kind: 'event',
    event: {
      id: `case.escalated:${caseRecord.id}:${options.at.toISOString()}`,
      type: 'case.escalated',
      occurredAt: options.at,
      data: { by: options.by, note: options.note ?? null },
      caseId: caseRecord.id as CaseId,
      customerId: caseRecord.customerId as CustomerId,
      orderId: caseRecord.orderNumber,
    },
    case: toCaseSnapshot(caseRecord),
  };
}
