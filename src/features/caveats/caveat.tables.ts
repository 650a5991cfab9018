// The caveats table as Kysely sees it (migration 2026-12-06T13-20-order-caveats).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OrderCaveatsTable {
  id: string;
  order_number: string;
  customer_id: string | null;
  code: string;
  item_index: number;
  text: string;
  sold_at: Timestamp;
  disclose_due_at: Timestamp;
  disclose_commitment_id: string | null;
  disclosed_at: Timestamp | null;
  disclosed_by: string | null;
  kept_message_id: string | null;
  info_what: string | null;
  info_team: string | null;
  info_due_at: Timestamp | null;
  info_commitment_id: string | null;
  info_provided_at: Timestamp | null;
  info_provided_by: string | null;
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type CaveatTables = { order_caveats: OrderCaveatsTable };
