// The only SQL for connector deliveries and the platform order ids they name.
import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { newId } from '../../shared/ids.js';
import type { ConnectorDeliveriesTable, ConnectorTables, DeliveryStatus } from './connector.tables.js';

const tables = (q: Queryable) => q.withTables<ConnectorTables>();

export interface DeliveryRecord {
  id: string;
  connector: string;
  deliveryId: string;
  topic: string | null;
  headers: Record<string, string>;
  body: string;
  status: DeliveryStatus;
  error: string | null;
  waitingOn: string | null;
  eventIds: string[];
  attempts: number;
  receivedAt: Date;
  processedAt: Date | null;
}

function toDeliveryRecord(row: Selectable<ConnectorDeliveriesTable>): DeliveryRecord {
  return {
    id: row.id,
    connector: row.connector,
    deliveryId: row.delivery_id,
    topic: row.topic,
    headers: row.headers,
    body: row.body,
    status: row.status,
    error: row.error,
    waitingOn: row.waiting_on,
    eventIds: row.event_ids,
    attempts: row.attempts,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
}

/** Stores a delivery once per (connector, delivery id); returns its id, or undefined for a repeat. */
export async function insertDelivery(
  q: Queryable,
  delivery: { connector: string; deliveryId: string; topic: string | null; headers: Record<string, string>; body: string; at: Date },
): Promise<string | undefined> {
  const row = await tables(q)
    .insertInto('connector_deliveries')
    .values({
      id: newId('cdl'),
      connector: delivery.connector,
      delivery_id: delivery.deliveryId,
      topic: delivery.topic,
      headers: JSON.stringify(delivery.headers),
      body: delivery.body,
      status: 'received',
      received_at: delivery.at,
    })
    .onConflict((oc) => oc.columns(['connector', 'delivery_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Takes a delivery to map it; only one process gets it. `processed_at` holds when it was taken, so a delivery
 * taken long ago by a process that stopped may be taken again.
 */
export async function claimDelivery(q: Queryable, options: { id: string; at: Date; staleBefore: Date }): Promise<DeliveryRecord | undefined> {
  const row = await tables(q)
    .updateTable('connector_deliveries')
    .set((eb) => ({ status: 'processing', attempts: eb('attempts', '+', 1), processed_at: options.at }))
    .where('id', '=', options.id)
    .where((eb) => eb.or([eb('status', '=', 'received'), eb.and([eb('status', '=', 'processing'), eb('processed_at', '<', options.staleBefore)])]))
    .returningAll()
    .executeTakeFirst();
  return row && toDeliveryRecord(row);
}

export async function finishDelivery(q: Queryable, options: { id: string; status: DeliveryStatus; error: string | null; waitingOn: string | null; eventIds: string[]; at: Date }): Promise<void> {
  await tables(q)
    .updateTable('connector_deliveries')
    .set({ status: options.status, error: options.error, waiting_on: options.waitingOn, event_ids: JSON.stringify(options.eventIds), processed_at: options.at })
    .where('id', '=', options.id)
    .execute();
}

/** Puts deliveries back to be mapped again (a replay, or the order they waited for has arrived). */
export async function requeueDeliveries(q: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tables(q)
    .updateTable('connector_deliveries')
    .set({ status: 'received', error: null, waiting_on: null })
    .where('id', 'in', [...ids])
    .where('status', '<>', 'processing')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function findDelivery(q: Queryable, id: string): Promise<DeliveryRecord | undefined> {
  const row = await tables(q).selectFrom('connector_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDeliveryRecord(row);
}

export async function listDeliveries(q: Queryable, options: { connector?: string | undefined; status?: DeliveryStatus | undefined; limit: number }): Promise<DeliveryRecord[]> {
  let query = tables(q).selectFrom('connector_deliveries').selectAll();
  if (options.connector) query = query.where('connector', '=', options.connector);
  if (options.status) query = query.where('status', '=', options.status);
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(toDeliveryRecord);
}

/** Deliveries left unmapped: stored before `receivedBefore` and never taken, or taken before `claimedBefore` and never finished. */
export async function listUnfinishedDeliveries(q: Queryable, options: { receivedBefore: Date; claimedBefore: Date; limit: number }): Promise<string[]> {
  const rows = await tables(q)
    .selectFrom('connector_deliveries')
    .select('id')
    .where((eb) =>
      eb.or([eb.and([eb('status', '=', 'received'), eb('received_at', '<=', options.receivedBefore)]), eb.and([eb('status', '=', 'processing'), eb('processed_at', '<', options.claimedBefore)])]),
    )
    .orderBy('received_at')
    .limit(options.limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function listWaitingDeliveries(q: Queryable, options: { connector: string; platformOrderIds: readonly string[] }): Promise<string[]> {
  if (options.platformOrderIds.length === 0) return [];
  const rows = await tables(q)
    .selectFrom('connector_deliveries')
    .select('id')
    .where('connector', '=', options.connector)
    .where('status', '=', 'failed')
    .where('waiting_on', 'in', [...options.platformOrderIds])
    .orderBy('received_at')
    .execute();
  return rows.map((row) => row.id);
}

/** Per connector: how many deliveries, how many failed now, and the last one. */
export async function summariseDeliveries(q: Queryable): Promise<{ connector: string; total: number; failed: number; lastAt: Date | null; lastStatus: DeliveryStatus | null }[]> {
  const rows = await tables(q)
    .selectFrom('connector_deliveries as d')
    .select(['d.connector'])
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) filter (where d.status = 'failed')`.as('failed'),
      eb.fn.max('d.received_at').as('last_at'),
      sql<DeliveryStatus | null>`(array_agg(d.status order by d.received_at desc, d.id desc))[1]`.as('last_status'),
    ])
    .groupBy('d.connector')
    .execute();
  return rows.map((row) => ({ connector: row.connector, total: Number(row.total), failed: Number(row.failed), lastAt: row.last_at ? new Date(row.last_at) : null, lastStatus: row.last_status }));
}

/** Remembers each platform order's Kept number and the newest snapshot time mapped (never moving it back). */
export async function saveOrderAliases(q: Queryable, aliases: readonly { connector: string; platformOrderId: string; orderNumber: string; snapshotAt?: string | undefined }[]): Promise<void> {
  if (aliases.length === 0) return;
  await tables(q)
    .insertInto('connector_orders')
    .values(aliases.map((alias) => ({ connector: alias.connector, platform_order_id: alias.platformOrderId, order_number: alias.orderNumber, snapshot_at: alias.snapshotAt ?? null })))
    .onConflict((oc) =>
      oc.columns(['connector', 'platform_order_id']).doUpdateSet((eb) => ({
        order_number: eb.ref('excluded.order_number'),
        snapshot_at: sql<Date | null>`greatest(connector_orders.snapshot_at, excluded.snapshot_at)`,
      })),
    )
    .execute();
}

export async function findOrderAlias(q: Queryable, options: { connector: string; platformOrderId: string }): Promise<{ orderNumber: string; snapshotAt: Date | null } | undefined> {
  const row = await tables(q)
    .selectFrom('connector_orders')
    .select(['order_number', 'snapshot_at'])
    .where('connector', '=', options.connector)
    .where('platform_order_id', '=', options.platformOrderId)
    .executeTakeFirst();
  return row && { orderNumber: row.order_number, snapshotAt: row.snapshot_at };
}
