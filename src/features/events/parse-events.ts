// Parses the body of POST /events: one event or a batch. The first problem is reported with the event's
// index and the field, so a client can mend a batch of 1000 without guessing.
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { eventDataSchemas, eventSchema, isKnownEventType, type EventInput } from './event.schemas.js';
import { normalisePhone } from '../customers/identity.js';

export const maxBatchSize = 1000;

function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}${text ? '.' : ''}${String(part)}`), prefix);
}

function fail(field: string, message: string, index: number | undefined): never {
  const where = index === undefined ? field : `events[${index}]${field ? `.${field}` : ''}`;
  throw new AppError('validation_failed', {
    detail: `${where}: ${message}`,
    field: where,
    extra: index === undefined ? {} : { index },
  });
}

function parseOne(raw: unknown, index: number | undefined, receivedAt: Date): EventInput {
  const result = eventSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    fail(fieldPath('', issue.path), issue.message, index);
  }
  const { occurred_at: occurredAt, ...rest } = result.data;
  const event: EventInput = occurredAt === undefined ? { ...rest, occurred_at: receivedAt.toISOString(), stampedOnReceipt: true } : { ...rest, occurred_at: occurredAt };
  if (isKnownEventType(event.type)) {
    const data = eventDataSchemas[event.type].safeParse(event.data);
    if (!data.success) {
      const issue = data.error.issues[0]!;
      fail(fieldPath('data', issue.path), issue.message, index);
    }
  }
  if (event.customer?.phone !== undefined && normalisePhone(event.customer.phone) === undefined) {
    fail('customer.phone', `not a phone number: ${event.customer.phone}`, index);
  }
  return event;
}

/**
 * Returns the events of a body, or throws AppError('validation_failed') naming the index and field. An event
 * without occurred_at happened, as far as Kept knows, when it was received (`receivedAt`).
 */
export function parseEventsBody(body: unknown, options: { receivedAt?: Date } = {}): EventInput[] {
  const receivedAt = options.receivedAt ?? new Date();
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail('', 'expected one event object or {"events": [...]}', undefined);
  }
  if (!('events' in body)) return [parseOne(body, undefined, receivedAt)];
  const events = (body as { events: unknown }).events;
  if (!Array.isArray(events)) fail('events', 'expected an array of events', undefined);
  if (events.length === 0) fail('events', 'a batch needs at least one event', undefined);
  if (events.length > maxBatchSize) fail('events', `a batch holds at most ${maxBatchSize} events, got ${events.length}`, undefined);
  return events.map((event, index) => parseOne(event, index, receivedAt));
}

export type { z };
