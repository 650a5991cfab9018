// Plans a batch of new events before anything is written: each event's customer (resolved in batch order by
// the customers feature's rules), what it writes to its order, and which events are independent of each
// other. Pure: the ingest service loads the state, writes the plan run by run, and routes each event.
import { identitiesOf } from '../customers/identity.js';
import { identityKey, resolveInState, type Resolution, type ResolutionState } from '../customers/resolution.js';
import type { OrderWrite } from '../orders/order.js';
import { planOrderWrite } from '../orders/order.service.js';
import type { EventInput } from './event.schemas.js';

export interface PlannedEvent {
  event: EventInput;
  /** The customer as this event resolved it (a merge later in the batch may move it on). */
  customerId: string | null;
  resolution: Resolution;
  orderWrite?: OrderWrite;
  /**
   * What the event's processing reads or writes that another event's could too: its identities, the
   * customers it touched, the orders it or its customer's open cases name, its thread. Two events with no
   * key in common can be written in either order.
   */
  keys: string[];
}

export interface BatchState {
  resolution: ResolutionState;
  /** Orders named by the batch that exist, with their customer. */
  orders: Map<string, { customerId: string | null }>;
  /** The customer whose case each known thread reference belongs to. */
  threadCustomers: Map<string, string>;
  /** Order numbers of each customer's open cases. */
  openCaseOrders: Map<string, string[]>;
}

export interface BatchPlan {
  events: PlannedEvent[];
  /** The customer an id resolves to after every merge of the batch. */
  survivorOf(customerId: string): string;
}

function threadRefOf(event: EventInput): string | null {
  const ref = (event.data as Record<string, unknown>)['thread_ref'];
  return typeof ref === 'string' ? ref : null;
}

/** Resolves and plans each event in order, as if each were processed alone after the ones before it. */
export function planBatch(options: { events: readonly EventInput[]; state: BatchState; newCustomerId: () => string }): BatchPlan {
  const { state } = options;
  const mergedInto = new Map<string, string>();
  const survivorOf = (customerId: string): string => {
    let id = customerId;
    for (let next = mergedInto.get(id); next !== undefined; next = mergedInto.get(id)) id = next;
    return id;
  };
  // Orders each customer's cases may name: those of its open cases, and those its events of this batch named.
  const casesOrders = new Map([...state.openCaseOrders].map(([id, numbers]) => [id, new Set(numbers)]));
  const planned = options.events.map((event): PlannedEvent => {
    const orderNumber = event.order?.id ?? null;
    const known = orderNumber ? state.orders.get(orderNumber) : undefined;
    const identities = identitiesOf(event.customer);
    const resolution = resolveInState(
      state.resolution,
      { identities, orderCustomerId: known?.customerId ?? null, name: event.customer?.name, timeZone: event.customer?.time_zone, eventId: event.id, at: new Date(event.occurred_at) },
      options.newCustomerId,
    );
    const { customerId, merge } = resolution;
    if (merge) {
      const merged = new Set(merge.mergedIds);
      const survivorOrders = casesOrders.get(merge.survivorId) ?? new Set();
      for (const id of merge.mergedIds) {
        mergedInto.set(id, merge.survivorId);
        for (const number of casesOrders.get(id) ?? []) survivorOrders.add(number);
      }
      casesOrders.set(merge.survivorId, survivorOrders);
      for (const order of state.orders.values()) if (order.customerId && merged.has(order.customerId)) order.customerId = merge.survivorId;
    }
    const orderWrite = planOrderWrite({ event, customerId, exists: known !== undefined });
    if (orderWrite) state.orders.set(orderWrite.number, { customerId: customerId ?? known?.customerId ?? null });

    const thread = threadRefOf(event);
    const keys = new Set<string>(identities.map((identity) => `i:${identityKey(identity)}`));
    if (orderNumber) keys.add(`o:${orderNumber}`);
    if (thread) keys.add(`t:${thread}`);
    const threadOwner = thread ? state.threadCustomers.get(thread) : undefined;
    const threadCustomer = threadOwner && survivorOf(threadOwner);
    for (const id of [...resolution.involved, ...(threadCustomer ? [threadCustomer] : [])]) {
      keys.add(`c:${id}`);
      for (const number of casesOrders.get(id) ?? []) keys.add(`o:${number}`);
    }
    if (customerId && orderNumber) casesOrders.set(customerId, (casesOrders.get(customerId) ?? new Set()).add(orderNumber));
    return { event, customerId, resolution, ...(orderWrite ? { orderWrite } : {}), keys: [...keys] };
  });
  return { events: planned, survivorOf };
}

/**
 * Splits events into runs of consecutive events that share no key, in batch order. Within a run, what one
 * event writes to customers and orders cannot change what another reads, so a run's customer and order
 * writes are made together before its events are routed one by one.
 */
export function splitIntoRuns<T extends { keys: readonly string[] }>(events: readonly T[]): T[][] {
  const runs: T[][] = [];
  let current: T[] = [];
  let taken = new Set<string>();
  for (const event of events) {
    if (event.keys.some((key) => taken.has(key))) {
      runs.push(current);
      current = [];
      taken = new Set();
    }
    current.push(event);
    for (const key of event.keys) taken.add(key);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
