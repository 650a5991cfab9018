// The only SQL for the append-only event store.
import { sql } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { EventInput } from './event.schemas.js';

/** Appends the events whose id is new; returns the ids that were stored (the rest are duplicates). */
export async function appendEvents(q: Queryable, options: { events: EventInput[]; receivedAt: Date }): Promise<Set<string>> {
  if (options.events.length === 0) return new Set();
  const rows = await q
    .insertInto('events')
    .values(
      options.events.map(({ stampedOnReceipt, ...event }) => ({
        id: event.id,
        type: event.type,
        occurred_at: event.occurred_at,
        received_at: options.receivedAt,
        occurred_at_stamped: stampedOnReceipt === true,
        customer_id: null,
        order_number: event.order?.id ?? null,
        body: JSON.stringify(event),
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Links events to their customers: one statement for any number of events. */
export async function setEventCustomers(q: Queryable, assignments: readonly { eventId: string; customerId: string }[]): Promise<void> {
  if (assignments.length === 0) return;
  await sql`
    update events set customer_id = linked.customer_id
    from unnest(${assignments.map((entry) => entry.eventId)}::text[], ${assignments.map((entry) => entry.customerId)}::text[]) as linked(id, customer_id)
    where events.id = linked.id`.execute(q);
}

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  /** The event came without occurred_at: its time is the time Kept received it. */
  occurredAtStamped: boolean;
  customerId: string | null;
  orderNumber: string | null;
  body: EventInput;
}

export async function listEventsOfCustomer(q: Queryable, customerId: string): Promise<StoredEvent[]> {
  const rows = await q.selectFrom('events').selectAll().where('customer_id', '=', customerId).orderBy('occurred_at').orderBy('seq').execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    occurredAtStamped: row.occurred_at_stamped,
    customerId: row.customer_id,
    orderNumber: row.order_number,
    body: row.body as unknown as EventInput,
  }));
}

export async function countEvents(q: Queryable): Promise<number> {
  const row = await q
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
