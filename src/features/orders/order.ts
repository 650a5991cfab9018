// The order projection's pure rules: which event moves an order to which state, and what facts it records.
import { toMoney, type Money } from '../../shared/values.js';
import type { EventInput } from '../events/event.schemas.js';

/** Events about an order and the state each one moves it to (null: facts only, state unchanged). */
export const orderStateByEvent: Record<string, string | null> = {
  'order.placed': 'placed',
  'order.payment_failed': 'payment_failed',
  'order.cancelled': 'cancelled',
  'order.shipped': 'shipped',
  'order.delayed': 'delayed',
  'order.delivered': 'delivered',
  'order.delivery_exception': 'delivery_exception',
  'refund.issued': 'refunded',
  'tradein.received': 'tradein_received',
  'tradein.credited': 'tradein_credited',
};

/** Changes the customer can see: each one is owed a notification (crack C1). */
export const customerVisibleOrderEvents = new Set(['order.payment_failed', 'order.cancelled', 'order.delayed', 'order.delivery_exception', 'refund.issued', 'tradein.credited']);

export interface OrderFactsUpdate {
  state: string | null;
  reasonCode: string | null;
  total?: Money;
  paymentMethod?: string;
  cardLast4?: string;
  shipTo?: Record<string, unknown>;
  isGift?: boolean;
  recipientEmail?: string;
  giftContactConsent?: boolean;
  promisedBy?: string;
  items?: unknown[];
  carrier?: string;
  trackingNumber?: string;
  /** Other facts a message may claim: refund and credit amounts and where they went. */
  facts: Record<string, unknown>;
}

/** What one event writes to its order: the facts it names, on an order known to exist or a new one. */
export interface OrderWrite {
  number: string;
  /** True when the order existed before this event; a new one is inserted (unless someone inserted it first). */
  exists: boolean;
  customerId: string | null;
  update: OrderFactsUpdate;
  eventId: string;
  at: Date;
  isPlacement: boolean;
}

function readMoney(value: unknown): Money | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { amount, currency } = value as { amount?: number | string; currency?: string };
  return amount !== undefined && currency ? toMoney(amount, currency) : undefined;
}

/** What an event tells about its order. Pure: the service writes the result. */
export function orderFactsFromEvent(event: EventInput): OrderFactsUpdate {
  const data = event.data as Record<string, unknown>;
  const update: OrderFactsUpdate = {
    state: orderStateByEvent[event.type] ?? null,
    reasonCode: typeof data['reason'] === 'string' ? data['reason'] : null,
    facts: {},
  };
  const order = event.order;
  if (order?.total) update.total = toMoney(order.total.amount, order.total.currency);
  if (order?.payment?.method) update.paymentMethod = order.payment.method;
  if (order?.payment?.last4) update.cardLast4 = order.payment.last4;
  if (order?.items) update.items = order.items;
  if (order?.promised_by) update.promisedBy = order.promised_by;
  if (order?.ship_to) {
    update.shipTo = order.ship_to;
    if (order.ship_to.is_gift !== undefined) update.isGift = order.ship_to.is_gift;
    if (order.ship_to.recipient_email) update.recipientEmail = order.ship_to.recipient_email.toLowerCase();
    if (order.ship_to.gift_contact_consent !== undefined) update.giftContactConsent = order.ship_to.gift_contact_consent;
  }
  if (event.type === 'order.shipped') {
    if (typeof data['carrier'] === 'string') update.carrier = data['carrier'];
    if (typeof data['tracking_number'] === 'string') update.trackingNumber = data['tracking_number'];
  }
  if (event.type === 'order.delayed' && typeof data['new_eta'] === 'string') update.facts['new_eta'] = data['new_eta'];
  if (event.type === 'refund.issued' || event.type === 'tradein.credited') {
    const money = readMoney(data['amount']);
    const key = event.type === 'refund.issued' ? 'refund' : 'tradein_credit';
    const to = (data['to'] ?? {}) as { method?: string; last4?: string };
    if (money) update.facts[key] = { amount_minor: money.amountMinor, currency: money.currency, to_method: to.method ?? null, to_last4: to.last4 ?? null, at: event.occurred_at };
  }
  return update;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which of the customer's order numbers a text mentions, as whole tokens ("A-1001", not "A-10011"). */
export function mentionedOrderNumbers(text: string, candidates: readonly string[]): string[] {
  return candidates.filter((number) => new RegExp(`(^|[^A-Za-z0-9])#?${escapeRegExp(number)}(?![A-Za-z0-9])`, 'i').test(text));
}
