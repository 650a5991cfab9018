// The order projection: every order event updates the order's facts and state history.
import type { Db, Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import { formatMoney } from '../../shared/values.js';
import type { EventInput } from '../events/event.schemas.js';
import * as repo from './order.repo.js';
import { orderFactsFromEvent, orderStateByEvent } from './order.js';

/** True when the event says something about its order that the projection records. */
export function isOrderEvent(event: EventInput): boolean {
  return Boolean(event.order) && (Object.hasOwn(orderStateByEvent, event.type) || Boolean(event.order?.total || event.order?.payment || event.order?.ship_to));
}

export async function projectOrderEvent(tx: Queryable, options: { event: EventInput; customerId: string | null; at: Date }): Promise<repo.OrderRecord | undefined> {
  const number = options.event.order?.id;
  if (!number || !isOrderEvent(options.event)) return undefined;
  return repo.applyOrderUpdate(tx, {
    number,
    customerId: options.customerId,
    update: orderFactsFromEvent(options.event),
    eventId: options.event.id,
    at: new Date(options.event.occurred_at),
    isPlacement: options.event.type === 'order.placed',
  });
}

export function toOrderView(order: repo.OrderRecord, history: { state: string; reasonCode: string | null; eventId: string; at: Date }[]) {
  return {
    id: order.id,
    number: order.number,
    customer_id: order.customerId,
    state: order.state,
    reason_code: order.reasonCode,
    items: order.items,
    total: order.total ? { amount_minor: order.total.amountMinor, currency: order.total.currency, formatted: formatMoney(order.total) } : null,
    payment: { method: order.paymentMethod, last4: order.cardLast4 },
    ship_to: order.shipTo,
    is_gift: order.isGift,
    recipient_email: order.recipientEmail,
    gift_contact_consent: order.giftContactConsent,
    promised_by: order.promisedBy?.toISOString() ?? null,
    carrier: order.carrier,
    tracking_number: order.trackingNumber,
    facts: order.facts,
    placed_at: order.placedAt?.toISOString() ?? null,
    history: history.map((entry) => ({ state: entry.state, reason_code: entry.reasonCode, event_id: entry.eventId, at: entry.at.toISOString() })),
  };
}

export function createOrderService(deps: { db: Db }) {
  async function listOrdersOfCustomer(customerId: string) {
    const orders = await repo.listOrdersOfCustomer(deps.db, customerId);
    const history = await repo.listOrderStates(deps.db, orders.map((order) => order.id));
    return orders.map((order) => toOrderView(order, history.filter((entry) => entry.orderId === order.id)));
  }

  async function getOrder(number: string) {
    const order = await repo.findOrderByNumber(deps.db, number);
    if (!order) throw new AppError('not_found', { detail: `No order ${number}` });
    return toOrderView(order, await repo.listOrderStates(deps.db, [order.id]));
  }

  return { listOrdersOfCustomer, getOrder };
}

export type OrderService = ReturnType<typeof createOrderService>;
