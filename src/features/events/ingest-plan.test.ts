// Planning a batch: customers resolved in batch order, orders carried from event to event, merges followed,
// and the batch split into runs of events that touch nothing in common.
import { describe, expect, it } from 'vitest';
import type { EventInput } from './event.schemas.js';
import { planBatch, splitIntoRuns, type BatchState } from './ingest-plan.js';

const at = '2026-12-01T09:00:00Z';
const event = (id: string, type: string, fields: Partial<EventInput> = {}): EventInput => ({ id, type, occurred_at: at, data: {}, ...fields }) as EventInput;

function emptyState(): BatchState {
  return { resolution: { customerByIdentity: new Map(), createdAt: new Map() }, orders: new Map(), threadCustomers: new Map(), openCaseOrders: new Map() };
}

function ids() {
  let n = 0;
  return () => `cus_${(n += 1)}`;
}

describe('planning a batch', () => {
  it('gives an order event without a customer the customer who placed the order earlier in the batch', () => {
    const plan = planBatch({
      events: [event('p', 'order.placed', { customer: { email: 'ana@example.com' }, order: { id: 'A-1' } }), event('s', 'order.shipped', { order: { id: 'A-1' } })],
      state: emptyState(),
      newCustomerId: ids(),
    });
    expect(plan.events.map((entry) => entry.customerId)).toEqual(['cus_1', 'cus_1']);
    expect(plan.events.map((entry) => entry.orderWrite?.exists)).toEqual([false, true]);
  });

  it('follows a merge later in the batch, so every event links to the survivor', () => {
    const state = emptyState();
    state.resolution.customerByIdentity.set('email:old@example.com', 'cus_old');
    state.resolution.createdAt.set('cus_old', new Date('2026-01-01T00:00:00Z'));
    const plan = planBatch({
      events: [
        event('a', 'contact.received', { customer: { handle: { network: 'twitter', id: '@new' } }, data: { channel: 'social', text: 'hi' } }),
        event('b', 'contact.received', { customer: { email: 'old@example.com', handle: { network: 'twitter', id: '@new' } }, data: { channel: 'email', text: 'me' } }),
      ],
      state,
      newCustomerId: ids(),
    });
    expect(plan.events[0]!.customerId).toBe('cus_1');
    expect(plan.events[1]!.resolution.merge).toMatchObject({ survivorId: 'cus_old', mergedIds: ['cus_1'] });
    expect(plan.survivorOf('cus_1')).toBe('cus_old');
  });

  it('starts a new run at the first event that shares an identity, a customer, an order or a thread with the run', () => {
    const state = emptyState();
    state.threadCustomers.set('thread-9', 'cus_known');
    state.resolution.customerByIdentity.set('email:known@example.com', 'cus_known');
    state.resolution.createdAt.set('cus_known', new Date('2026-01-01T00:00:00Z'));
    const plan = planBatch({
      events: [
        event('1', 'order.placed', { customer: { email: 'a@example.com' }, order: { id: 'A-1' } }),
        event('2', 'order.placed', { customer: { email: 'b@example.com' }, order: { id: 'B-1' } }),
        event('3', 'order.shipped', { order: { id: 'A-1' } }),
        event('4', 'message.sent', { data: { channel: 'email', text: 'Hello', thread_ref: 'thread-9' } }),
        event('5', 'contact.received', { customer: { email: 'known@example.com' }, data: { channel: 'chat', text: 'Hi' } }),
      ],
      state,
      newCustomerId: ids(),
    });
    expect(splitIntoRuns(plan.events).map((run) => run.map((entry) => entry.event.id))).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it("keeps an event apart from events about the orders its customer's open cases name", () => {
    const state = emptyState();
    state.resolution.customerByIdentity.set('email:ana@example.com', 'cus_ana');
    state.resolution.createdAt.set('cus_ana', new Date('2026-01-01T00:00:00Z'));
    state.openCaseOrders.set('cus_ana', ['G-7']);
    const plan = planBatch({
      events: [
        event('c', 'contact.received', { customer: { email: 'ana@example.com' }, data: { channel: 'chat', text: 'Any news?' } }),
        event('p', 'order.placed', { customer: { email: 'ben@example.com' }, order: { id: 'G-7' } }),
      ],
      state,
      newCustomerId: ids(),
    });
    expect(splitIntoRuns(plan.events)).toHaveLength(2);
  });
});
