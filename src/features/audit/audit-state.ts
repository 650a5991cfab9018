// The audit's working state: customers (identities linked into one), their orders and open windows.
import type { CrackKind, HistoryCustomer, HistoryEvent } from '../history/history-event.js';
import type { AuditWindows } from './audit-options.js';
import type { EventSummary } from './audit-summary.js';

export type WindowKind = Exclude<CrackKind, 'no_progress' | 'reason_conflict'>;

export interface CustomerState {
  label: string;
  labelIsExternal: boolean;
  identities: Identity[];
  orders: string[];
  open: OpenWindow[];
  lastSeen: number;
  streak: { firstAt: number; events: EventSummary[]; reported: boolean } | undefined;
  /** The customer's last few events, kept only until every kind of crack has its example. */
  recent: EventSummary[];
}

export interface OrderState {
  customer: CustomerState;
  recorded: { code: string; event: EventSummary } | undefined;
  stated: { code: string; event: EventSummary } | undefined;
}

export interface OpenWindow {
  kind: WindowKind;
  deadline: number;
  customer: CustomerState;
  thread: string | undefined;
  orderId: string | undefined;
  event: EventSummary;
  closed: boolean;
  /** A message by a sender the audit could not place came within the window: it may have kept it. */
  unknownReply: boolean;
}

/** One sentence on a window whose deadline passed unkept, for the report. */
export function describeBrokenWindow(win: OpenWindow, w: AuditWindows): string {
  switch (win.kind) {
    case 'silent_state_change':
      return `${win.event.type} on order ${win.orderId ?? '?'} and no message mentioning the order within ${w.notifyMinutes} min.`;
    case 'unacknowledged_contact':
      return `A contact with no reply of any kind within ${w.acknowledgeMinutes} min.`;
    case 'unanswered_contact':
      return `A contact with no human answer within ${w.firstResponseMinutes / 60} h.`;
    case 'survey_not_followed_up':
      return `A survey (score ${win.event.score ?? '?'}) that asked for contact or was a detractor, with no human message within ${w.followUpMinutes / 60} h.`;
    case 'escalation_unanswered':
      return `A request for a manager with no manager's message within ${w.escalationMinutes / 60} h.`;
  }
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The first of `fields` of `data` that holds a non-empty string, and its name. */
export function firstText(data: Readonly<Record<string, unknown>>, fields: readonly string[]): { field: string; value: string } | undefined {
  for (const field of fields) {
    const value = data[field];
    if (typeof value === 'string' && value !== '') return { field, value };
  }
  return undefined;
}

/** Where a history may keep a message's channel and thread, in order of preference. */
export const channelFields = ['channel', 'medium', 'source'] as const;
export const threadFields = ['thread_ref', 'thread_id', 'conversation_id', 'ticket_id', 'case_id'] as const;

function authorLabel(author: unknown): string | undefined {
  if (typeof author === 'string') return author;
  if (typeof author !== 'object' || author === null) return undefined;
  const a = author as Record<string, unknown>;
  const label = [a['name'], a['email'], a['id']].find((v) => typeof v === 'string' || typeof v === 'number');
  const role = typeof a['role'] === 'string' ? ` (${a['role']})` : '';
  return label === undefined ? undefined : `${String(label)}${role}`;
}

export function summarize(event: HistoryEvent): EventSummary {
  const data = event.data ?? {};
  const s: EventSummary = { id: event.id, type: event.type, occurred_at: event.occurred_at };
  const channel = firstText(data, channelFields)?.value;
  const author = authorLabel(data['author']) ?? text(data['from']);
  const body = text(data['text']);
  const thread = firstText(data, threadFields)?.value;
  const reason = text(data['reason']);
  if (channel) s.channel = channel;
  if (author) s.author = author;
  if (body) s.text = body.length > 300 ? `${body.slice(0, 297)}...` : body;
  if (thread) s.thread_ref = thread;
  if (event.order) s.order_id = event.order.id;
  if (reason) s.reason = reason;
  if (typeof data['score'] === 'number') s.score = data['score'];
  return s;
}

// One map per kind of identity, keyed by the raw value: no key strings are built per event.
type IdentityKind = 0 | 1 | 2 | 3; // external id, email, phone, social handle
type Identity = [IdentityKind, string];

const lower = (v: string): string => (/[A-Z]/.test(v) ? v.toLowerCase() : v);

function identitiesOf(customer: HistoryCustomer | undefined, to: string | undefined): Identity[] {
  const list: Identity[] = [];
  if (customer) {
    if (customer.external_id) list.push([0, customer.external_id]);
    if (customer.email) list.push([1, lower(customer.email)]);
    if (customer.phone) list.push([2, customer.phone]);
    if (customer.handle) list.push([3, `${customer.handle.network}:${lower(customer.handle.id)}`]);
  }
  if (to && list.length === 0) list.push(to.includes('@') ? [1, lower(to)] : [2, to]);
  return list;
}

export interface CustomerIndex {
  /** The customer an event is about, linking any new identity it carries; undefined when it names none. */
  resolve(event: HistoryEvent): CustomerState | undefined;
  orderFor(id: string, customer: CustomerState): OrderState;
  /** Forgets customers seen last before `horizon` with nothing open, with their identities and orders. */
  evictIdle(horizon: number): void;
  all(): Iterable<CustomerState>;
  /** The most customers held at once. */
  peak(): number;
}

export function createCustomerIndex(): CustomerIndex {
  const identities: Array<Map<string, CustomerState>> = [new Map(), new Map(), new Map(), new Map()];
  const customers = new Set<CustomerState>();
  const orders = new Map<string, OrderState>();
  let peakCustomers = 0;

  const evictIdle = (horizon: number): void => {
    for (const c of customers) {
      if (c.lastSeen >= horizon || c.open.length > 0) continue;
      for (const [kind, value] of c.identities) identities[kind]?.delete(value);
      for (const id of c.orders) orders.delete(id);
      customers.delete(c);
    }
  };

  const merge = (into: CustomerState, from: CustomerState): void => {
    for (const [kind, value] of from.identities) identities[kind]?.set(value, into);
    into.identities.push(...from.identities);
    for (const id of from.orders) {
      const order = orders.get(id);
      if (order) order.customer = into;
      into.orders.push(id);
    }
    for (const win of from.open) {
      win.customer = into;
      into.open.push(win);
    }
    customers.delete(from);
  };

  const resolve = (event: HistoryEvent): CustomerState | undefined => {
    const ids = identitiesOf(event.customer, text(event.data?.['to']));
    let found: CustomerState | undefined;
    for (const [kind, value] of ids) {
      const s = identities[kind]?.get(value);
      if (s && !found) found = s;
      else if (s && found && s !== found) merge(found, s);
    }
    if (!found && ids.length === 0) return event.order ? orders.get(event.order.id)?.customer : undefined;
    const c = event.customer;
    if (!found) {
      found = {
        label: c?.external_id ?? c?.email ?? c?.phone ?? c?.handle?.id ?? ids[0]?.[1] ?? '?',
        labelIsExternal: !!c?.external_id,
        identities: [],
        orders: [],
        open: [],
        lastSeen: 0,
        streak: undefined,
        recent: [],
      };
      customers.add(found);
      if (customers.size > peakCustomers) peakCustomers = customers.size;
    } else if (c?.external_id && !found.labelIsExternal) {
      found.label = c.external_id;
      found.labelIsExternal = true;
    }
    for (const id of ids) {
      const map = identities[id[0]] as Map<string, CustomerState>;
      if (map.get(id[1]) !== found) {
        map.set(id[1], found);
        found.identities.push(id);
      }
    }
    return found;
  };

  const orderFor = (id: string, customer: CustomerState): OrderState => {
    let order = orders.get(id);
    if (!order) {
      order = { customer, recorded: undefined, stated: undefined };
      orders.set(id, order);
      customer.orders.push(id);
    }
    return order;
  };

  return { resolve, orderFor, evictIdle, all: () => customers, peak: () => peakCustomers };
}
