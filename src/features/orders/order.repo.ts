// The only SQL for orders and their state history.
import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { OrdersTable } from '../../db/database.js';
import { newId, newPublicToken } from '../../shared/ids.js';
import type { OrderFactsUpdate } from './order.js';

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
  const rows = await q.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy('placed_at', 'desc').execute();
  return rows.map(toOrderRecord);
}

export async function listOrdersByNumbers(q: Queryable, numbers: string[]): Promise<OrderRecord[]> {
  if (numbers.length === 0) return [];
  const rows = await q.selectFrom('orders').selectAll().where('number', 'in', numbers).execute();
  return rows.map(toOrderRecord);
}

/**
 * Writes what an event tells about an order, creating the order when this is the first word of it. One
 * upsert: ingest calls this for most events, and a read-then-write cost three round trips per event.
 */
export async function applyOrderUpdate(q: Queryable, options: { number: string; customerId: string | null; update: OrderFactsUpdate; eventId: string; at: Date; isPlacement: boolean }): Promise<OrderRecord> {
  const { update } = options;
  // Only the facts this event names are overwritten on an existing order; the rest stay as they were.
  const columns = {
    ...(options.customerId ? { customer_id: options.customerId } : {}),
    ...(update.state ? { state: update.state } : {}),
    ...(update.reasonCode ? { reason_code: update.reasonCode } : {}),
    ...(update.items ? { items: JSON.stringify(update.items) } : {}),
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
    ...(options.isPlacement ? { placed_at: options.at } : {}),
    updated_at: options.at,
  };
  const facts = JSON.stringify(update.facts);
  const row = await q
    .insertInto('orders')
    .values({ ...columns, facts, items: columns.items ?? '[]', id: newId('ord'), number: options.number, status_token: newPublicToken(), state: update.state ?? 'unknown', customer_id: options.customerId })
    .onConflict((oc) =>
      oc.column('number').doUpdateSet((eb) => {
        const set: Record<string, unknown> = {};
        for (const column of Object.keys(columns)) set[column] = eb.ref(`excluded.${column as keyof typeof columns}`);
        // jsonb || merges the top-level keys, later ones winning: the same as spreading new facts over old.
        return { ...set, facts: sql<string>`orders.facts || excluded.facts` };
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  if (update.state) {
    await q.insertInto('order_states').values({ id: newId('ord'), order_id: row.id, state: update.state, reason_code: update.reasonCode, event_id: options.eventId, at: options.at }).execute();
  }
  return toOrderRecord(row);
}

export async function listOrderStates(q: Queryable, orderIds: string[]): Promise<{ orderId: string; state: string; reasonCode: string | null; eventId: string; at: Date }[]> {
  if (orderIds.length === 0) return [];
  const rows = await q.selectFrom('order_states').selectAll().where('order_id', 'in', orderIds).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({ orderId: row.order_id, state: row.state, reasonCode: row.reason_code, eventId: row.event_id, at: row.at }));
}

export async function recordGiftConsent(q: Queryable, options: { number: string; consent: boolean; at: Date }): Promise<void> {
  await q.updateTable('orders').set({ gift_contact_consent: options.consent, updated_at: options.at }).where('number', '=', options.number).execute();
}
