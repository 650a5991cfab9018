// The order projection: every order event updates the order's facts and state history.
import type { Db, Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import { formatMoney } from '../../shared/values.js';
import type { EventInput } from '../events/event.schemas.js';
import { createCustomerOrders, type CustomerOrders } from './customer-orders.js';
import * as repo from './order.repo.js';
import { orderFactsFromEvent, orderStateByEvent, type OrderWrite } from './order.js';

/** True when the event says something about its order that the projection records. */
export function isOrderEvent(event: EventInput): boolean {
  return Boolean(event.order) && (Object.hasOwn(orderStateByEvent, event.type) || Boolean(event.order?.total || event.order?.payment || event.order?.ship_to));
}

/** The id and customer of each order named, with when that customer was created (for resolving a batch). */
export function listOrderOwners(q: Queryable, numbers: readonly string[]) {
  return repo.listOrderOwners(q, numbers);
}

/** The orders of a batch's customers (and those it names), indexed by customer and kept current in memory. */
export async function loadCustomerOrders(
  q: Queryable,
  options: { customerIds: readonly string[]; named: readonly { number: string; customerId: string | null; placedAt: Date | null }[] },
): Promise<CustomerOrders> {
  return createCustomerOrders([...(await repo.listOrderPlacements(q, options.customerIds)), ...options.named]);
}

/** What an event writes to its order, or nothing when it says nothing the projection records. */
export function planOrderWrite(options: { event: EventInput; customerId: string | null; exists: boolean }): OrderWrite | undefined {
  const number = options.event.order?.id;
  if (!number || !isOrderEvent(options.event)) return undefined;
  const at = new Date(options.event.occurred_at);
  return {
    number,
    exists: options.exists,
    customerId: options.customerId,
    update: orderFactsFromEvent(options.event),
    eventId: options.event.id,
    at,
    isPlacement: options.event.type === 'order.placed',
  };
}

/**
 * Writes what some events tell about their orders, each order named once (a run of a batch), and their
 * state history: one statement for the orders that exist, one for new ones, one for the history. A "new"
 * order another transaction inserted first is updated like an existing one.
 */
export async function writeOrderUpdates(tx: Queryable, writes: readonly OrderWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const ids = await repo.updateOrders(
    tx,
    writes.filter((write) => write.exists),
  );
  const fresh = writes.filter((write) => !write.exists);
  const inserted = await repo.insertOrders(tx, fresh);
  for (const [number, id] of inserted) ids.set(number, id);
  for (const [number, id] of await repo.updateOrders(
    tx,
    fresh.filter((write) => !inserted.has(write.number)),
  ))
    ids.set(number, id);
  await repo.insertOrderStates(
    tx,
    writes.flatMap((write) => (write.update.state ? [{ orderId: ids.get(write.number)!, state: write.update.state, reasonCode: write.update.reasonCode, eventId: write.eventId, at: write.at }] : [])),
  );
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
    const history = await repo.listOrderStates(
      deps.db,
      orders.map((order) => order.id),
    );
    return orders.map((order) =>
      toOrderView(
        order,
        history.filter((entry) => entry.orderId === order.id),
      ),
    );
  }

  async function getOrder(number: string) {
    const order = await repo.findOrderByNumber(deps.db, number);
    if (!order) throw new AppError('not_found', { detail: `No order ${number}` });
    return toOrderView(order, await repo.listOrderStates(deps.db, [order.id]));
  }

  return { listOrdersOfCustomer, getOrder };
}

export type OrderService = ReturnType<typeof createOrderService>;
