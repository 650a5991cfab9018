// The only SQL for orders and their state history.
import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { OrdersTable } from '../../db/database.js';
import { newId, newPublicToken } from '../../shared/ids.js';
import type { OrderWrite } from './order.js';

export interface OrderRecord {
  id: string;
  number: string;
  customerId: string | null;
  state: string;
  reasonCode: string | null;
  items: unknown[];
  total: { amountMinor: number; currency: string } | null;
  paymentMethod: string | null;
  cardLast4: string | null;
  shipTo: Record<string, unknown> | null;
  isGift: boolean;
  recipientEmail: string | null;
  giftContactConsent: boolean;
  promisedBy: Date | null;
  carrier: string | null;
  trackingNumber: string | null;
  facts: Record<string, unknown>;
  statusToken: string;
  placedAt: Date | null;
  updatedAt: Date;
}

type OrderRow = Selectable<OrdersTable>;

function toOrderRecord(row: OrderRow): OrderRecord {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    state: row.state,
    reasonCode: row.reason_code,
    items: row.items,
    total: row.total_minor !== null && row.currency ? { amountMinor: Number(row.total_minor), currency: row.currency } : null,
    paymentMethod: row.payment_method,
    cardLast4: row.card_last4,
    shipTo: row.ship_to,
    isGift: row.is_gift,
    recipientEmail: row.recipient_email,
    giftContactConsent: row.gift_contact_consent,
    promisedBy: row.promised_by,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    facts: row.facts,
    statusToken: row.status_token,
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
  };
}

export async function findOrderByNumber(q: Queryable, number: string): Promise<OrderRecord | undefined> {
  const row = await q.selectFrom('orders').selectAll().where('number', '=', number).executeTakeFirst();
  return row && toOrderRecord(row);
}

export async function findOrderByStatusToken(q: Queryable, token: string): Promise<OrderRecord | undefined> {
  const row = await q.selectFrom('orders').selectAll().where('status_token', '=', token).executeTakeFirst();
  return row && toOrderRecord(row);
}

export async function listOrdersOfCustomer(q: Queryable, customerId: string): Promise<OrderRecord[]> {
  const rows = await q.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy('placed_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toOrderRecord);
}

/**
 * The gift orders among a customer's orders (newest placed first) and the order `orderNumber` names when it is
 * another's (last), with what the gift rule reads: the same orders, in the same order, that the customer's
 * orders and the named one would be, less those that are no gift.
 */
export async function listGiftOrders(
  q: Queryable,
  options: { customerId: string | null; orderNumber: string | null },
): Promise<{ number: string; recipientEmail: string | null; giftContactConsent: boolean }[]> {
  const { customerId, orderNumber } = options;
  if (!customerId && !orderNumber) return [];
  const rows = await q
    .selectFrom('orders')
    .select(['number', 'recipient_email', 'gift_contact_consent'])
    .select((customerId ? sql<boolean>`customer_id is not distinct from ${customerId}` : sql<boolean>`false`).as('own'))
    .where('is_gift', '=', true)
    .where((eb) => eb.or([...(customerId ? [eb('customer_id', '=', customerId)] : []), ...(orderNumber ? [eb('number', '=', orderNumber)] : [])]))
    .orderBy('own', 'desc')
    .orderBy('placed_at', 'desc')
    .orderBy('number')
    .execute();
  return rows.map((row) => ({ number: row.number, recipientEmail: row.recipient_email, giftContactConsent: row.gift_contact_consent }));
}

export async function listOrdersByNumbers(q: Queryable, numbers: string[]): Promise<OrderRecord[]> {
  if (numbers.length === 0) return [];
  const rows = await q.selectFrom('orders').selectAll().where('number', 'in', numbers).execute();
  return rows.map(toOrderRecord);
}

/** The id and customer of each order named, with when that customer was created (for customer resolution). */
export async function listOrderOwners(
  q: Queryable,
  numbers: readonly string[],
): Promise<{ id: string; number: string; customerId: string | null; placedAt: Date | null; customerCreatedAt: Date | null }[]> {
  if (numbers.length === 0) return [];
  // Each number is looked up by the unique index, one row at a time: as `number IN (…)` of a batch's few
  // hundred numbers, the planner chose search's trigram index instead (0.6 s at 200,000 events) and hashed
  // the whole customers table.
  const { rows } = await sql<{ id: string; number: string; customer_id: string | null; placed_at: Date | string | null; customer_created_at: Date | string | null }>`
    select orders.id, orders.number, orders.customer_id, orders.placed_at, customers.created_at as customer_created_at
    from unnest(${[...new Set(numbers)]}::text[]) as wanted(number)
    join orders on orders.number = wanted.number
    left join customers on customers.id = orders.customer_id`.execute(q);
  const time = (value: Date | string | null) => (value === null ? null : new Date(value));
  return rows.map((row) => ({ id: row.id, number: row.number, customerId: row.customer_id, placedAt: time(row.placed_at), customerCreatedAt: time(row.customer_created_at) }));
}

/** The orders of these customers, with when each was placed. */
export async function listOrderPlacements(q: Queryable, customerIds: readonly string[]): Promise<{ number: string; customerId: string | null; placedAt: Date | null }[]> {
  if (customerIds.length === 0) return [];
  const rows = await q
    .selectFrom('orders')
    .select(['number', 'customer_id', 'placed_at'])
    .where('customer_id', 'in', [...customerIds])
    .execute();
  return rows.map((row) => ({ number: row.number, customerId: row.customer_id, placedAt: row.placed_at }));
}

/**
 * Writes what events tell about orders that exist, each order once: only the facts an event names are
 * overwritten (the state only by an event newer than the order's last state), the rest stay as they were, and `facts` merges with `jsonb ||` (later keys winning, like
 * spreading new facts over old). One statement for any number of orders; returns their ids by number.
 */
export async function updateOrders(q: Queryable, writes: readonly OrderWrite[]): Promise<Map<string, string>> {
  if (writes.length === 0) return new Map();
  // A fact the event does not name is null here and leaves the stored value (the same truthiness as before).
  const column = <T>(pick: (write: OrderWrite) => T | undefined | null) => writes.map((write) => pick(write) ?? null);
  // Platforms deliver out of order: a state only replaces one that happened before it (by the event's own
  // time), so a late "placed" never undoes a "shipped"; the history keeps every state at its time.
  const stale = sql`exists (select 1 from order_states later where later.order_id = orders.id and later.at > given.updated_at)`;
  const result = await sql<{ id: string; number: string }>`
    update orders set
      customer_id = coalesce(given.customer_id, orders.customer_id),
      state = case when given.state is null or ${stale} then orders.state else given.state end,
      reason_code = case when ${stale} then orders.reason_code else coalesce(given.reason_code, orders.reason_code) end,
      items = coalesce(given.items, orders.items),
      total_minor = coalesce(given.total_minor, orders.total_minor),
      currency = coalesce(given.currency, orders.currency),
      payment_method = coalesce(given.payment_method, orders.payment_method),
      card_last4 = coalesce(given.card_last4, orders.card_last4),
      ship_to = coalesce(given.ship_to, orders.ship_to),
      is_gift = coalesce(given.is_gift, orders.is_gift),
      recipient_email = coalesce(given.recipient_email, orders.recipient_email),
      gift_contact_consent = coalesce(given.gift_contact_consent, orders.gift_contact_consent),
      promised_by = coalesce(given.promised_by, orders.promised_by),
      carrier = coalesce(given.carrier, orders.carrier),
      tracking_number = coalesce(given.tracking_number, orders.tracking_number),
      placed_at = coalesce(given.placed_at, orders.placed_at),
      updated_at = given.updated_at,
      facts = orders.facts || given.facts
    from unnest(
      ${column((write) => write.number)}::text[],
      ${column((write) => write.customerId || null)}::text[],
      ${column((write) => write.update.state || null)}::text[],
      ${column((write) => write.update.reasonCode || null)}::text[],
      ${column((write) => write.update.items && JSON.stringify(write.update.items))}::jsonb[],
      ${column((write) => write.update.total?.amountMinor)}::bigint[],
      ${column((write) => write.update.total?.currency)}::text[],
      ${column((write) => write.update.paymentMethod || null)}::text[],
      ${column((write) => write.update.cardLast4 || null)}::text[],
      ${column((write) => write.update.shipTo && JSON.stringify(write.update.shipTo))}::jsonb[],
      ${column((write) => write.update.isGift)}::boolean[],
      ${column((write) => write.update.recipientEmail || null)}::text[],
      ${column((write) => write.update.giftContactConsent)}::boolean[],
      ${column((write) => write.update.promisedBy || null)}::timestamptz[],
      ${column((write) => write.update.carrier || null)}::text[],
      ${column((write) => write.update.trackingNumber || null)}::text[],
      ${column((write) => (write.isPlacement ? write.at.toISOString() : null))}::timestamptz[],
      ${column((write) => write.at.toISOString())}::timestamptz[],
      ${column((write) => JSON.stringify(write.update.facts))}::jsonb[]
    ) as given(number, customer_id, state, reason_code, items, total_minor, currency, payment_method, card_last4, ship_to, is_gift, recipient_email, gift_contact_consent, promised_by, carrier, tracking_number, placed_at, updated_at, facts)
    where orders.number = given.number
    returning orders.id, orders.number`.execute(q);
  return new Map(result.rows.map((row) => [row.number, row.id]));
}

/**
 * Inserts orders first named by these events, each once, with the facts they name (the others take their
 * defaults). An order someone else inserted meanwhile is left out: the caller updates it instead. Returns
 * the ids of the orders inserted, by number.
 */
export async function insertOrders(q: Queryable, writes: readonly OrderWrite[]): Promise<Map<string, string>> {
  if (writes.length === 0) return new Map();
  const rows = await q
    .insertInto('orders')
    .values(
      writes.map(({ number, customerId, update, at, isPlacement }) => ({
        id: newId('ord'),
        number,
        status_token: newPublicToken(),
        customer_id: customerId,
        state: update.state ?? 'unknown',
        reason_code: update.reasonCode || null,
        items: JSON.stringify(update.items ?? []),
        ...(update.total ? { total_minor: update.total.amountMinor, currency: update.total.currency } : {}),
        ...(update.paymentMethod ? { payment_method: update.paymentMethod } : {}),
        ...(update.cardLast4 ? { card_last4: update.cardLast4 } : {}),
        ...(update.shipTo ? { ship_to: JSON.stringify(update.shipTo) } : {}),
        ...(update.isGift !== undefined ? { is_gift: update.isGift } : {}),
        ...(update.recipientEmail ? { recipient_email: update.recipientEmail } : {}),
        ...(update.giftContactConsent !== undefined ? { gift_contact_consent: update.giftContactConsent } : {}),
        ...(update.promisedBy ? { promised_by: update.promisedBy } : {}),
        ...(update.carrier ? { carrier: update.carrier } : {}),
        ...(update.trackingNumber ? { tracking_number: update.trackingNumber } : {}),
        ...(isPlacement ? { placed_at: at } : {}),
        facts: JSON.stringify(update.facts),
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.column('number').doNothing())
    .returning(['id', 'number'])
    .execute();
  return new Map(rows.map((row) => [row.number, row.id]));
}

export async function insertOrderStates(q: Queryable, states: readonly { orderId: string; state: string; reasonCode: string | null; eventId: string; at: Date }[]): Promise<void> {
  if (states.length === 0) return;
  await q
    .insertInto('order_states')
    .values(states.map((entry) => ({ id: newId('ord'), order_id: entry.orderId, state: entry.state, reason_code: entry.reasonCode, event_id: entry.eventId, at: entry.at })))
    .execute();
}

export async function listOrderStates(q: Queryable, orderIds: string[]): Promise<{ orderId: string; state: string; reasonCode: string | null; eventId: string; at: Date }[]> {
  if (orderIds.length === 0) return [];
  const rows = await q.selectFrom('order_states').selectAll().where('order_id', 'in', orderIds).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({ orderId: row.order_id, state: row.state, reasonCode: row.reason_code, eventId: row.event_id, at: row.at }));
}

export async function recordGiftConsent(q: Queryable, options: { number: string; consent: boolean; at: Date }): Promise<void> {
  await q.updateTable('orders').set({ gift_contact_consent: options.consent, updated_at: options.at }).where('number', '=', options.number).execute();
}
