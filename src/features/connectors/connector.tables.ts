// The connector tables as Kysely sees them (migration 2026-12-06T12-15-connector-deliveries).
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type DeliveryStatus = 'received' | 'processing' | 'ingested' | 'ignored' | 'failed';

export interface ConnectorDeliveriesTable {
  id: string;
  connector: string;
  delivery_id: string;
  topic: string | null;
  headers: JSONColumnType<Record<string, string>, string, string>;
  body: string;
  status: DeliveryStatus;
  error: string | null;
  waiting_on: string | null;
  event_ids: JSONColumnType<string[], string | undefined, string>;
  attempts: Generated<number>;
  received_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface ConnectorOrdersTable {
  connector: string;
  platform_order_id: string;
  order_number: string;
  /** The newest order snapshot mapped (migration 2026-12-06T13-26-connector-order-snapshots). */
  snapshot_at: Timestamp | null;
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type ConnectorTables = {
  connector_deliveries: ConnectorDeliveriesTable;
  connector_orders: ConnectorOrdersTable;
};
